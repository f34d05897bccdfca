export { Batchyard, type ClientOptions } from './client.js';
export { ClientCredentialsTokenProvider, type ClientCredentials } from './core/auth.js';
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  BatchyardError,
  ConflictError,
  InternalServerError,
  JobWaitTimeoutError,
  NonRetryableJobError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './core/errors.js';
export type { FullRequestOptions, Query, QueryValue, RequestOptions } from './core/http.js';
export { Page, PagePromise, type PageResponse } from './core/pagination.js';
export { JobHandle, isFinished, type JobWaitOptions } from './jobs/handle.js';
export {
  createWorker,
  type Worker,
  type WorkerContext,
  type WorkerHandler,
  type WorkerOptions,
  type WorkerProgress,
} from './jobs/worker.js';
export { Batches } from './resources/batches.js';
export { ApiClients } from './resources/clients.js';
export { Datasets } from './resources/datasets.js';
export { Definitions } from './resources/definitions.js';
export { JobTypes, Jobs } from './resources/jobs.js';
export { ApiKeys } from './resources/keys.js';
export { Projects } from './resources/projects.js';
export { Rows } from './resources/rows.js';
export { Search } from './resources/search.js';
export { Workspaces } from './resources/workspaces.js';
export type * from './types.js';
export { VERSION } from './version.js';
export type { operations, paths } from './generated/api.js';
