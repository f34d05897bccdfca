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
  FlowWaitTimeoutError,
  JobWaitTimeoutError,
  NonRetryableJobError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './core/errors.js';
export {
  FILTER_OPERATORS,
  FILTER_OPERATOR_WORDS,
  type FilterOperator,
  type FilterOperatorWord,
} from './core/filters.js';
export type { FullRequestOptions, Query, QueryValue, RequestOptions } from './core/http.js';
export { Page, PagePromise, type PageResponse } from './core/pagination.js';
export { JobHandle, isFinished, type JobWaitOptions } from './jobs/handle.js';
export type { JobLogsOptions } from './jobs/logs.js';
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
export { Flows, type FlowWaitOptions } from './resources/flows.js';
export { JobTypes, Jobs } from './resources/jobs.js';
export { ApiKeys } from './resources/keys.js';
export { Members } from './resources/members.js';
export { Projects } from './resources/projects.js';
export { Quality } from './resources/quality.js';
export { AuditLog } from './resources/audit-log.js';
export { Rows } from './resources/rows.js';
export { Search } from './resources/search.js';
export {
  Sheets,
  type Sheet,
  type SheetCell,
  type SheetColumn,
  type SheetCreateParams,
  type SheetGetParams,
  type SheetPatch,
  type SheetRow,
  type SheetUpdateParams,
} from './resources/sheets.js';
export {
  TaskJobError,
  Tasks,
  taskConditions,
  type NewTask,
  type Task,
  type TaskBulkJobResult,
  type TaskBulkOutcome,
  type TaskBulkParams,
  type TaskBulkResult,
  type TaskClaimParams,
  type TaskComparison,
  type TaskCreateOptions,
  type TaskCreateParams,
  type TaskCreateProgress,
  type TaskCreateResult,
  type TaskEvent,
  type TaskExportField,
  type TaskExportFormat,
  type TaskExportParams,
  type TaskExportResult,
  type KeypointNames,
  type TaskFieldCondition,
  type TaskFilter,
  type TaskFilterOperator,
  type TaskGoldParams,
  type TaskImportParams,
  type TaskImportResult,
  type TaskFromRowsParams,
  type TaskFromRowsResult,
  type TaskImportSource,
  type TaskInclude,
  type TaskItemResult,
  type TaskListParams,
  type TaskPrediction,
  type TaskPropertiesParams,
  type TaskRedoParams,
  type TaskSelection,
  type TaskStatus,
  type TaskSubmitParams,
  type TaskUpdateParams,
  type TaskVerdictParams,
  type TaskAnnotation,
  type TaskAgreement,
  type TaskVerdictsParams,
  type TaskWhere,
  type TimeRange,
} from './resources/tasks/index.js';
export {
  Webhooks,
  verifyWebhook,
  type VerifyWebhookOptions,
  type Webhook,
  type WebhookCreateParams,
  type WebhookDelivery,
  type WebhookDeliveryListParams,
  type WebhookEvent,
  type WebhookHeaders,
  type WebhookListParams,
  type WebhookUpdateParams,
} from './resources/webhooks.js';
export { Workspaces } from './resources/workspaces.js';
export type * from './types.js';
export { VERSION } from './version.js';
export type { operations, paths } from './generated/api.js';
