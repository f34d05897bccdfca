// The tasks resource: the Tasks class, its filter helpers and its types.
export { Tasks } from './tasks.js';
export { TaskJobError } from './errors.js';
export { taskConditions } from './filter.js';
export type * from './types.js';
