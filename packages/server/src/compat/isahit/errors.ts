import type { ErrorAnswer } from '../../http/errors.js';
import type { FamilyError } from '../family.js';

// isahitlab reads errors by status only (401, 400, 403, 404, 500; anything else is an HTTPError).
// Bodies are not parsed, but a person reading a log should see what went wrong: JSON with a message.

/** The status isahitlab maps to an exception of its own; other 4xx become 400 (a bad request). */
function isahitStatus(status: number): number {
  if ([400, 401, 403, 404, 413].includes(status)) return status;
  if (status === 429) return 429; // the client has no exception for it; requests.HTTPError says so
  if (status >= 500) return 500;
  return 400;
}

export function renderIsahitError(answer: ErrorAnswer): FamilyError {
  const status = isahitStatus(answer.status);
  const message = answer.errors?.length
    ? `${answer.detail} ${answer.errors.map((e) => `${e.pointer}: ${e.message}`).join('; ')}`
    : answer.detail;
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ statusCode: status, error: answer.code, message }),
  };
}
