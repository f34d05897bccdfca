import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../errors/problem.js';
import type { CompatContext, Principal } from '../context.js';
import { header } from '../family.js';

// isahitlab logs in with a form (access_id, secret_key): an API client's id and secret. The token
// it gets back is Batchyard's own access token, sent as `Authorization: Bearer` afterwards.

export function authenticateIsahit(request: FastifyRequest, context: CompatContext): Promise<Principal> {
  const authorization = header(request, 'authorization');
  if (!authorization?.startsWith('Bearer ')) {
    return Promise.reject(
      new ApiError('unauthenticated', 'Log in first: send Authorization: Bearer <access_token>.'),
    );
  }
  return context.authenticator.authenticate(authorization);
}

/** The login form's fields, or a 400 naming what is missing (the secret is never echoed). */
export function loginFields(body: unknown): { accessId: string; secretKey: string } {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const accessId = form.access_id;
  const secretKey = form.secret_key;
  if (typeof accessId !== 'string' || accessId === '' || typeof secretKey !== 'string' || secretKey === '') {
    throw new ApiError('validation_failed', 'The login form needs access_id and secret_key.', {
      errors: [{ in: 'body', pointer: '/access_id', message: 'access_id and secret_key are required' }],
    });
  }
  return { accessId, secretKey };
}
