import type { ErrorAnswer } from '../../http/errors.js';
import type { FamilyError } from '../family.js';

/**
 * Mammoth's error body: `{status_code, detail, extra}` as plain `application/json` (the client
 * matches the content type exactly and parses a 400 as this shape; other statuses with any JSON).
 * `extra` carries Batchyard's error code and field errors, so a caller can still tell them apart.
 */
export function renderMammothError(answer: ErrorAnswer): FamilyError {
  return {
    status: answer.status,
    contentType: 'application/json',
    body: JSON.stringify({
      status_code: answer.status,
      detail: answer.detail,
      extra: { code: answer.code, ...(answer.errors ? { errors: answer.errors } : {}) },
    }),
  };
}
