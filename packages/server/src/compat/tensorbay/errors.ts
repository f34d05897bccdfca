import type { ErrorAnswer } from '../../http/errors.js';
import type { FamilyError } from '../family.js';

/** TensorBay's error codes, each of which its client maps to an exception class. */
export type TensorbayCode =
  | 'ResourceNotExist'
  | 'NameConflict'
  | 'InvalidParamsValue'
  | 'RequestParamsMissing'
  | 'AccessDenied'
  | 'Forbidden'
  | 'Unauthorized'
  | 'InternalServerError';

/** The code and status the client parses for one classified error. */
export function tensorbayCode(answer: Pick<ErrorAnswer, 'code' | 'status'>): {
  code: string;
  status: number;
} {
  if (answer.code === 'name_taken') return { code: 'NameConflict', status: 409 };
  if (answer.status === 401) return { code: 'Unauthorized', status: 401 };
  if (answer.status === 403) return { code: 'Forbidden', status: 403 };
  if (answer.status === 404) return { code: 'ResourceNotExist', status: 404 };
  // Rate limits keep their status (the client retries 429) and fall to its plain ResponseError.
  if (answer.status === 429) return { code: 'TooManyRequests', status: 429 };
  if (answer.status >= 500) return { code: 'InternalServerError', status: answer.status };
  return { code: 'InvalidParamsValue', status: answer.status === 409 ? 409 : 400 };
}

export function renderTensorbayError(answer: ErrorAnswer): FamilyError {
  const { code, status } = tensorbayCode(answer);
  const pointers = (answer.errors ?? []).map((e) => `${e.pointer}: ${e.message}`);
  const message = pointers.length > 0 ? `${answer.detail} (${pointers.join('; ')})` : answer.detail;
  return { status, contentType: 'application/json', body: JSON.stringify({ code, message }) };
}
