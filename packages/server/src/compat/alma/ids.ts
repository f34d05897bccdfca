import { ApiError } from '../../errors/problem.js';

/** Alma's job type letters: manual, scheduled, other. They only prefix the id; Batchyard ignores them. */
const JOB_PATH = /^([MSO])([a-z]+_[0-9a-z]{1,64})$/;

/** The definition id behind an Alma job path segment `<M|S|O><definition id>`, or Alma's not-found. */
export function definitionIdOf(segment: string): { letter: string; definitionId: string } {
  const match = JOB_PATH.exec(segment);
  if (!match?.[1] || !match[2]) {
    throw new ApiError('not_found', `Job ${segment} was not found (ids are M, S or O + a definition id).`);
  }
  return { letter: match[1], definitionId: match[2] };
}
