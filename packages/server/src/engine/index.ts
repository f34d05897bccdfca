// The engine's public surface: resources and the app import the engine only from here.
export { JobEngine, type EngineOptions } from './engine.js';
export type {
  JobArtifactInfo,
  JobContext,
  JobHandler,
  JobLog,
  JobLogger,
  JobProgress,
  JobTypeDefinition,
} from './handlers.js';
export { NonRetryableError, JobFailure, failureJson } from './errors.js';
export { builtinJobType, JobTypeRegistry } from './job-types.js';
export type { ArtifactSource, ArtifactStorage } from './artifacts.js';
export {
  appendWorkerLogs,
  fieldsJson,
  JOB_LOG_LEVELS,
  JOB_LOG_LIMITS,
  type JobLogInput,
  type JobLogLevel,
} from './job-logs.js';
export { EventBus, type BusEvent } from './event-bus.js';
export { JobRunner, type FinishedJob, type RunnerLogger } from './runner.js';
export { runInlineJob, type WorkContext } from './inline.js';
export type { RemoteWorkers, HeldJob, WorkerCompletion } from './workers.js';
export type { EngineHooks } from './hooks.js';
