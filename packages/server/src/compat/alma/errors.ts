import type { FastifyRequest } from 'fastify';
import type { ErrorAnswer } from '../../http/errors.js';
import { header, type FamilyError } from '../family.js';
import { escapeXml } from './xml.js';

const ALMA_NS = 'http://com/exlibris/urm/general/xmlbeans';

/**
 * Alma error codes for Batchyard's. 402215-like "not found" for any missing (or another workspace's)
 * job or instance; 402222/402223 are Alma's threshold errors; the rest are Alma's generic codes.
 */
function almaCode(answer: ErrorAnswer): string {
  switch (answer.code) {
    case 'not_found':
    case 'route_not_found':
      return '402215';
    case 'definition_throttled':
      return '402222';
    case 'rate_limited':
    case 'too_many_auth_failures':
      return '402223';
    case 'unauthenticated':
    case 'invalid_token':
      return 'UNAUTHORIZED';
    case 'insufficient_role':
      return 'FORBIDDEN';
    default:
      return answer.status >= 500 ? 'GENERAL_ERROR' : '402204';
  }
}

/**
 * The status Alma's client sees. Every 429 (a throttled definition, a rate or auth-failure limit)
 * becomes 400: almapiwrapper sleeps and
 * retries a 429 three times and then calls exit(), which would kill the caller's program for a
 * refusal it should just see as `job.error`; 400 is what Alma answers for its own refusals.
 */
function almaStatus(answer: ErrorAnswer): number {
  return answer.status === 429 ? 400 : answer.status;
}

/** JSON when the caller speaks JSON (Accept or Content-Type), else Alma's namespaced XML. */
export function renderAlmaError(answer: ErrorAnswer, request: FastifyRequest): FamilyError {
  const code = almaCode(answer);
  const message = answer.detail;
  const status = almaStatus(answer);
  const wantsJson =
    /json/i.test(header(request, 'accept') ?? '') || /json/i.test(header(request, 'content-type') ?? '');
  if (wantsJson) {
    return {
      status,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({
        errorsExist: true,
        errorList: { error: [{ errorCode: code, errorMessage: message }] },
        result: null,
      }),
    };
  }
  return {
    status,
    contentType: 'application/xml; charset=utf-8',
    body:
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
      `<web_service_result xmlns="${ALMA_NS}"><errorsExist>true</errorsExist><errorList><error>` +
      `<errorCode>${escapeXml(code)}</errorCode><errorMessage>${escapeXml(message)}</errorMessage>` +
      `</error></errorList></web_service_result>`,
  };
}
