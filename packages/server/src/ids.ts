import { monotonicFactory } from 'ulid';

/** Id prefixes of every resource. Ids are `<prefix>_<ulid>`, lower-cased, so sorting by id follows creation order. */
export const ID_PREFIXES = {
  workspace: 'ws',
  project: 'prj',
  apiKey: 'key',
  apiClient: 'cli',
  request: 'req',
  job: 'job',
  artifact: 'art',
  definition: 'jdf',
  dataset: 'ds',
  batch: 'bat',
  task: 'tsk',
  webhook: 'whk',
  delivery: 'msg',
} as const;

export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

// Monotonic: two ids made in the same millisecond still sort in creation order.
const nextUlid = monotonicFactory();

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${nextUlid().toLowerCase()}`;
}
