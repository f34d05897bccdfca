export { buildApp, type AppWithServices, type BuildAppOptions, type Services } from './app.js';
export { loadConfig, ConfigError, CONFIG_SOURCES, type Config, type ConfigInput } from './config.js';
export { startServer, startWorker, type RunningServer, type RunningWorker } from './serve.js';
export { applyRuntimeFlags } from './runtime-flags.js';
export { openStore, Store, StoreUrlError } from './store/index.js';
export { ERROR_CODES, type ErrorCode, type ErrorCodeInfo } from './errors/registry.js';
export { ApiError } from './errors/problem.js';
export {
  JobEngine,
  JobRunner,
  NonRetryableError,
  type JobContext,
  type JobHandler,
  type JobLog,
  type JobLogLevel,
  type JobTypeDefinition,
} from './engine/index.js';
