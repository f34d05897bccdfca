/**
 * Task queries: one module per concern in ./tasks/, the backends' differences in
 * tasks/sqlite.ts and tasks/postgres.ts behind TasksBackend (the store's dialect holds one).
 */
export { TaskParentMissingError, type TasksBackend } from './tasks/backend.js';
export {
  taskWhere,
  type FieldCondition,
  type FieldOperator,
  type FieldValue,
  type TaskFilter,
} from './tasks/filter.js';
export {
  batchStates,
  countTasks,
  findTask,
  findTaskWithGold,
  listTasks,
  namesInBatch,
  taskEvents,
  taskIdsPage,
  tasksByIds,
  uncheckedNames,
  type LightTaskRow,
  type TaskEventRow,
  type TaskRow,
} from './tasks/read.js';
export { insertTasksAtomically } from './tasks/insert.js';
export { deleteBatchTasks, moveTask, setTaskProperties, updateTaskContent } from './tasks/write.js';
export { insertTaskEvents, releaseMemberTasks, setAssignee, type EventActor } from './tasks/assignment.js';
export {
  claimNextTask,
  claimNextTaskAudited,
  submitLeaseAudited,
  endLease,
  findLeasedTask,
  releaseExpiredLeases,
  renewLease,
  type LeasedTaskRow,
} from './tasks/claim.js';
export { applyVerdict } from './tasks/review.js';
export {
  addAnnotation,
  annotatedBy,
  chooseAnnotation,
  claimConsensusTask,
  findAnnotation,
  holdsConsensusLease,
  releaseExpiredConsensusLeases,
  releaseMemberConsensusLeases,
  renewConsensusLease,
  settleConsensus,
  skipConsensusLease,
  taskAnnotations,
  type AnnotationRow,
} from './tasks/consensus.js';
