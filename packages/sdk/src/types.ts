import type { operations } from './generated/api.js';

type JsonBody<
  O extends keyof operations,
  S extends keyof operations[O]['responses'],
> = operations[O]['responses'][S] extends { content: { 'application/json': infer B } } ? B : never;
type RequestBody<O extends keyof operations> = operations[O] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;
type Query<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;

/** problem+json (RFC 9457) body of every error answer. */
export type Problem = JsonBody<'getMe', '4XX'>;
/** One bad value of a request: where it was (`in`), its JSON pointer and what is wrong with it. */
export type FieldError = NonNullable<Problem['errors']>[number];

export type Me = JsonBody<'getMe', 200>;
export type Role = Me['role'];
export type Workspace = JsonBody<'createWorkspace', 201>;
export type Project = JsonBody<'createProject', 201>;
export type ApiKey = JsonBody<'revokeApiKey', 200>;
export type ApiKeyWithToken = JsonBody<'createApiKey', 201>;
export type ApiClient = JsonBody<'revokeApiClient', 200>;
export type ApiClientWithSecret = JsonBody<'createApiClient', 201>;
export type AccessToken = JsonBody<'createAccessToken', 200>;

/**
 * What a `fields` projection returns: the whole resource without `fields`, the named fields (and
 * `id`) for literal names, and a partial resource when the names are only known at run time.
 */
export type Selected<T extends { id: string }, F extends string> = string extends F
  ? Partial<T> & Pick<T, 'id'>
  : [Exclude<keyof T, 'id'>] extends [F]
    ? T
    : Pick<T, Extract<F, keyof T> | 'id'>;

/** Field names of a resource, with completion, while still accepting any string. */
export type FieldName<T> = (keyof T & string) | (string & {});

type ListQuery<O extends keyof operations, F extends string> = Omit<Query<O>, 'fields'> & {
  /** Fields to return (`id` always comes back); all fields when absent. */
  fields?: readonly F[];
};

export type WorkspaceCreateParams = RequestBody<'createWorkspace'>;
export type WorkspaceUpdateParams = RequestBody<'updateWorkspace'>;
export type WorkspaceListParams<F extends string = keyof Workspace> = ListQuery<'listWorkspaces', F>;
export type WorkspaceGetParams<F extends string = keyof Workspace> = ListQuery<'getWorkspace', F>;
export type WorkspaceDeleteParams = Query<'deleteWorkspace'>;

export type ProjectCreateParams = RequestBody<'createProject'>;
export type ProjectUpdateParams = RequestBody<'updateProject'>;
export type ProjectListParams<F extends string = keyof Project> = ListQuery<'listProjects', F>;
export type ProjectGetParams<F extends string = keyof Project> = ListQuery<'getProject', F>;
export type ProjectDeleteParams = Query<'deleteProject'>;

export type ApiKeyCreateParams = RequestBody<'createApiKey'>;
export type ApiKeyListParams<F extends string = keyof ApiKey> = ListQuery<'listApiKeys', F>;
export type ApiKeyGetParams<F extends string = keyof ApiKey> = ListQuery<'getApiKey', F>;

export type ApiClientCreateParams = RequestBody<'createApiClient'>;
export type ApiClientListParams<F extends string = keyof ApiClient> = ListQuery<'listApiClients', F>;
export type ApiClientGetParams<F extends string = keyof ApiClient> = ListQuery<'getApiClient', F>;

export type Job = JsonBody<'createJob', 202>;
export type JobStatus = Job['status'];
export type JobProgress = NonNullable<Job['progress']>;
export type JobError = NonNullable<Job['error']>;
export type JobArtifact = Job['artifacts'][number];
export type JobType = JsonBody<'putJobType', 200>;
/** A job as a remote worker claims it: with the checkpoint to resume from and its lease. */
export type ClaimedJob = JsonBody<'claimJobs', 200>['data'][number];
export type Definition = JsonBody<'createDefinition', 201>;

/** Filters of a job list: `type` and `status` take one value or several. */
type JobFilters = {
  type?: string | readonly string[];
  status?: JobStatus | readonly JobStatus[];
};

export type JobCreateParams = RequestBody<'createJob'>;
export type JobListParams<F extends string = keyof Job> = Omit<ListQuery<'listJobs', F>, 'type' | 'status'> &
  JobFilters;
export type JobGetParams<F extends string = keyof Job> = Omit<ListQuery<'getJob', F>, 'wait'>;
export type JobTypeListParams = Query<'listJobTypes'>;
export type JobTypePutParams = RequestBody<'putJobType'>;
export type JobTypeDeleteParams = Query<'deleteJobType'>;

export type DefinitionCreateParams = RequestBody<'createDefinition'>;
export type DefinitionUpdateParams = RequestBody<'updateDefinition'>;
export type DefinitionRunParams = RequestBody<'runDefinition'>;
export type DefinitionListParams<F extends string = keyof Definition> = ListQuery<'listDefinitions', F>;
export type DefinitionGetParams<F extends string = keyof Definition> = ListQuery<'getDefinition', F>;
export type DefinitionInstancesParams<F extends string = keyof Job> = Omit<
  ListQuery<'listDefinitionInstances', F>,
  'status'
> &
  Pick<JobFilters, 'status'>;
