/**
 * The one registry of error codes. Every problem+json the API answers carries one of these codes;
 * docs/errors.md lists them (a test keeps the two in agreement: run `npm run gen` after editing).
 */
export interface ErrorCodeInfo {
  status: number;
  title: string;
  /** When the code is answered and what the caller should do about it. */
  description: string;
}

export const ERROR_CODES = {
  validation_failed: {
    status: 400,
    title: 'Request validation failed',
    description:
      'A body field, query parameter, path parameter or header is missing, of the wrong type, out of range or unknown. `errors[]` names each bad field by location and JSON pointer.',
  },
  malformed_json: {
    status: 400,
    title: 'Malformed JSON body',
    description: 'The body is not valid JSON (or is empty while the content type says JSON).',
  },
  invalid_cursor: {
    status: 400,
    title: 'Invalid cursor',
    description:
      'The `cursor` parameter was not produced by this list (route, path ids and filters), was produced with another `sort`, or was altered (cursors are signed). Start again without a cursor.',
  },
  unknown_column: {
    status: 400,
    title: 'Unknown column',
    description:
      'A column named in a mapping, filter, sort, column list or CSV header does not exist in the dataset. `errors[]` points at the name; the detail lists the columns there are.',
  },
  unmapped_source_column: {
    status: 400,
    title: 'Source column neither mapped nor ignored',
    description:
      'An append must account for every column of the source dataset: map it to a target column or list it in `ignore`.',
  },
  column_type_mismatch: {
    status: 400,
    title: 'Column type mismatch',
    description:
      "A mapping's `expectedType` differs from the target column's type, or a merge source column has no target column of the same name and type.",
  },

  invalid_idempotency_key: {
    status: 400,
    title: 'Invalid Idempotency-Key',
    description: 'The `Idempotency-Key` header is empty or longer than 255 characters.',
  },
  unknown_job_type: {
    status: 400,
    title: 'Unknown job type',
    description:
      'No built-in job type has this name and the workspace has not registered it (`PUT /v1/job-types/{name}`).',
  },
  internal_job_type: {
    status: 400,
    title: 'Internal job type',
    description:
      'The type names a built-in job type of batches, tasks, datasets, webhooks or bulk job actions. Such jobs are made only by their own routes (`POST /v1/datasets/{id}/batches`, `/v1/tasks/export`, `/v1/jobs/bulk`, …), never by `POST /v1/jobs`, a job definition or a remote worker claim. `errors[]` points at the type.',
  },
  unsupported_grant_type: {
    status: 400,
    title: 'Unsupported grant type',
    description: 'The token endpoint only supports `grant_type=client_credentials`.',
  },
  unauthenticated: {
    status: 401,
    title: 'Authentication required',
    description: 'No `Authorization: Bearer <token>` header was sent.',
  },
  invalid_token: {
    status: 401,
    title: 'Invalid token',
    description:
      'The bearer token is malformed, unknown, expired, tampered with or revoked. Get a new API key or a new access token.',
  },
  invalid_client: {
    status: 401,
    title: 'Invalid client credentials',
    description: 'The client id is unknown or revoked, or the client secret is wrong.',
  },
  insufficient_role: {
    status: 403,
    title: 'Insufficient role',
    description:
      "The credential's role does not allow this operation (viewers cannot mutate, workers reach only worker endpoints, only admins manage credentials).",
  },
  instance_admin_required: {
    status: 403,
    title: 'Instance administrator required',
    description:
      'Creating or deleting workspaces and managing instance-wide credentials needs the instance admin key (or a credential created with `workspaceId: null`).',
  },
  route_not_found: {
    status: 404,
    title: 'Route not found',
    description: 'No route matches this method and path. The API lives under `/v1`; see `/openapi.json`.',
  },
  not_found: {
    status: 404,
    title: 'Resource not found',
    description:
      'The resource does not exist, or it belongs to a workspace the credential cannot see (the two are indistinguishable on purpose).',
  },
  name_taken: {
    status: 409,
    title: 'Name already taken',
    description: 'Another resource in the same scope already has this name.',
  },
  workspace_not_empty: {
    status: 409,
    title: 'Workspace not empty',
    description:
      'The workspace still has projects. Delete them first, or pass `force=true` to delete everything.',
  },
  project_not_empty: {
    status: 409,
    title: 'Project not empty',
    description: 'The project still holds data. Delete it first, or pass `force=true` to delete everything.',
  },
  dataset_not_empty: {
    status: 409,
    title: 'Dataset has batches',
    description:
      'A dataset with batches is deleted only with `force=true` (which deletes every batch and row).',
  },
  invalid_batch_state: {
    status: 409,
    title: 'Batch state does not allow this',
    description:
      'The batch state machine refuses the transition (e.g. suspending a suspended batch, committing a batch that is not a draft, deleting a batch still being created). `errors[]` names each batch and its state.',
  },
  sheet_exists: {
    status: 409,
    title: 'Sheet exists',
    description: 'A task has at most one sheet. Change the existing one with PATCH /v1/tasks/{id}/sheet.',
  },
  stale_value: {
    status: 409,
    title: 'Stale value',
    description:
      "A sheet patch's `oldValue` is not the current value: someone changed it since you read it. Nothing in the patch list was applied; read the sheet and try again.",
  },
  value_exists: {
    status: 409,
    title: 'Value exists',
    description:
      'A sheet patch `add`s a value that is already there (use `update`). Nothing in the list was applied.',
  },
  value_missing: {
    status: 409,
    title: 'Value missing',
    description:
      'A sheet patch `update`s or `delete`s a value that is not there (use `add`). Nothing in the list was applied.',
  },
  idempotency_key_in_use: {
    status: 409,
    title: 'Idempotency key in use',
    description:
      'A request with this `Idempotency-Key` is still being processed. Retry after it finishes to get its stored response.',
  },
  job_finished: {
    status: 409,
    title: 'Job already finished',
    description:
      'The job has already ended (succeeded, failed, aborted, skipped or expired), so it cannot be aborted.',
  },
  job_not_finished: {
    status: 409,
    title: 'Job not finished',
    description: 'Only jobs that have ended can be deleted. Abort it first.',
  },
  job_in_flow: {
    status: 409,
    title: 'Job belongs to a flow',
    description:
      'A job created in a flow is deleted with its flow (`DELETE /v1/flows/{id}`), not on its own: the flow counts its jobs.',
  },
  job_not_retryable: {
    status: 409,
    title: 'Job cannot be retried',
    description: 'Only failed, aborted, skipped or expired jobs can be retried.',
  },
  dependencies_not_succeeded: {
    status: 409,
    title: 'Dependencies did not succeed',
    description:
      'The job depends on jobs that ended without succeeding, and it does not say `onDependencyFailure: "run"`: retrying it alone would fail it again. Retry those jobs first, or retry the whole flow.',
  },
  dependency_cycle: {
    status: 400,
    title: 'Dependency cycle',
    description:
      'The jobs of a flow depend on each other in a circle (or one on itself); `errors[].pointer` names a `dependsOn` entry on the circle.',
  },
  dependency_too_deep: {
    status: 400,
    title: 'Dependency chain too deep',
    description:
      'A job would end a chain of more than 50 jobs each depending on the next. Flatten the chain (a job may depend on up to 1,000 jobs).',
  },
  flow_running: {
    status: 409,
    title: 'Flow still running',
    description: 'A flow is retried or deleted only once none of its jobs is waiting, queued or running.',
  },
  flow_finished: {
    status: 409,
    title: 'Flow already finished',
    description: 'Every job of the flow has ended, so there is nothing to abort.',
  },
  lease_lost: {
    status: 409,
    title: 'Lease lost',
    description:
      'This worker no longer holds the job: its lease expired (another attempt may be running) or the job ended. Stop working on it.',
  },
  job_timeout: {
    status: 409,
    title: 'Job timed out',
    description:
      'The attempt ran past the job’s `timeoutMs`: it failed with code `timeout` (retried by the job’s policy) and this worker no longer holds the job. Stop working on it.',
  },
  builtin_job_type: {
    status: 409,
    title: 'Built-in job type',
    description: 'Built-in job types cannot be registered, changed or removed.',
  },
  payload_too_large: {
    status: 413,
    title: 'Payload too large',
    description: 'The request body exceeds the server body limit (`--body-limit`, default 1 MiB).',
  },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    description:
      'The body content type is not accepted by this route (JSON unless the route says otherwise; batch uploads take application/json, application/x-ndjson or text/csv).',
  },
  idempotency_key_reused: {
    status: 422,
    title: 'Idempotency key reused',
    description:
      'This `Idempotency-Key` was already used with a different method, path or body. Use a new key for a new request.',
  },
  filter_too_expensive: {
    status: 422,
    title: 'Filter too expensive',
    description:
      'Evaluating the name pattern (`nameRegex`) took longer than the store allows (2 s of matching on SQLite, a 10 s statement on PostgreSQL). Narrow the filter with `batchIds` or `statuses`, or simplify the pattern.',
  },
  definition_throttled: {
    status: 429,
    title: 'Definition throttled',
    description:
      'Running this job definition now would exceed its `maxRunning` or `maxStartsPerHour`. Retry after `Retry-After` seconds.',
  },
  rate_limited: {
    status: 429,
    title: 'Too many requests',
    description:
      'The rate limit for this credential was exceeded. Wait for the number of seconds in `Retry-After`.',
  },
  too_many_auth_failures: {
    status: 429,
    title: 'Too many failed authentications',
    description:
      'This address sent more bad credentials in the last minute than the limit (`--auth-failure-limit`, default 20). Requests with a valid credential still pass; others get this until the number of seconds in `Retry-After` has passed.',
  },
  internal_error: {
    status: 500,
    title: 'Internal server error',
    description: 'An unexpected failure. The `requestId` identifies the request in the server logs.',
  },
  not_ready: {
    status: 503,
    title: 'Not ready',
    description: 'The server cannot reach its store or has pending migrations (`/readyz`).',
  },
  webhook_destination_refused: {
    status: 400,
    title: 'Webhook destination refused',
    description:
      'The webhook `url` is, or resolves to, an address the server does not send to: loopback, private, link-local, unique-local, carrier-grade NAT, unspecified, multicast or reserved. `errors[]` points at `/url`. An instance admin can allow such destinations with `--webhook-allow` / `BATCHYARD_WEBHOOK_ALLOW`.',
  },
  malformed_request: {
    status: 400,
    title: 'Malformed HTTP request',
    description:
      'The HTTP request itself could not be parsed (a bad request line, header or framing). Fix the client; nothing was done.',
  },
  request_timeout: {
    status: 408,
    title: 'Request timeout',
    description: 'The request was not received completely in time. Send it again.',
  },
  headers_too_large: {
    status: 431,
    title: 'Request headers too large',
    description:
      'The request headers exceed the server limit (16 KiB in all). Send fewer or shorter headers.',
  },
  invalid_task_transition: {
    status: 409,
    title: 'Task transition not allowed',
    description:
      'The task workflow does not allow this move from the task’s current status (see docs/tasks.md). A request naming one task answers this 409; a bulk request reports it per task and applies the others.',
  },
  batch_not_workable: {
    status: 409,
    title: 'Batch not workable',
    description:
      'The task’s batch is suspended, pending or being deleted, so its tasks cannot change. Restore the batch first.',
  },
  task_changed: {
    status: 409,
    title: 'Task changed meanwhile',
    description: 'Another request changed the task while this one ran. Read it again and retry.',
  },
  member_removed: {
    status: 409,
    title: 'Member removed',
    description:
      'The member named was removed from the workspace: tasks cannot be assigned to it and keys cannot be made for it. Add the person again as a new member.',
  },
  member_credential_required: {
    status: 403,
    title: 'Member credential required',
    description:
      'Claim queues hand tasks to people: call with an API key created for a member (`memberId` on key creation).',
  },
  task_not_assigned: {
    status: 403,
    title: 'Task not assigned to this member',
    description:
      'Annotators and reviewers change only the tasks assigned to them or claimed by them (a manager or a plain credential can change any).',
  },
  task_lease_lost: {
    status: 409,
    title: 'Task lease lost',
    description:
      'The claim on the task expired or another member holds it now (a late heartbeat, submit or skip). The work was not saved; claim a task again.',
  },
  task_not_in_review: {
    status: 409,
    title: 'Task not in review',
    description:
      'A verdict is given only on a task in `to_review`; this one is in another status (submit it, or send it to review, first).',
  },
  review_stage_mismatch: {
    status: 409,
    title: 'Review stage mismatch',
    description:
      'The verdict names a review stage (`stage`) the task is not at: another reviewer moved it on meanwhile, or the verdict was meant for another stage.',
  },
  self_review_forbidden: {
    status: 409,
    title: 'Self-review forbidden',
    description:
      "The project's workflow has `excludeSelfReview`: a member cannot give a verdict on a task they submitted (or annotated, in a consensus project), nor choose the result of a task they annotated. Another reviewer must.",
  },
  consensus_incomplete: {
    status: 409,
    title: 'Consensus incomplete',
    description:
      "The task's annotations are still being collected (fewer than the project's `annotationsPerTask`): a result is chosen once the last one has landed.",
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;
