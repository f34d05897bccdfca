import type { ErrorAnswer } from '../../http/errors.js';
import type { FamilyError } from '../family.js';
import { albertIdsIn } from './ids.js';

/**
 * Albert's error body: a JSON object `{"errors": [message]}` (the client reads
 * `payload.get("errors")`, so never an array). Statuses stay truthful, except a second create,
 * which upstream answers 400 "already exist" (409 natively).
 */
export function renderAlbertError(answer: ErrorAnswer): FamilyError {
  if (answer.code === 'sheet_exists') {
    return albertError(400, `${answer.detail} Batch data already exists for this task.`);
  }
  const fields = (answer.errors ?? [])
    .map((e) => e.message)
    .filter((m) => !answer.detail.includes(m))
    .slice(0, 20);
  return albertError(answer.status, [answer.detail, ...fields].join(' '));
}

function albertError(status: number, message: string): FamilyError {
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ errors: [albertIdsIn(message)] }),
  };
}
