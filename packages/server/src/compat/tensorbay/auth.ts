import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../errors/problem.js';
import type { CompatContext, Principal } from '../context.js';
import { header } from '../family.js';

/** The client refuses a key without this prefix (`Accesskey-` is its .cn spelling). */
const PREFIXES = ['ACCESSKEY-', 'Accesskey-'];

/** `X-Token: ACCESSKEY-<Batchyard API key>`: the prefix is stripped and the key authenticated. */
export async function authenticateTensorbay(
  request: FastifyRequest,
  context: CompatContext,
): Promise<Principal> {
  const token = header(request, 'x-token');
  const prefix = token === undefined ? undefined : PREFIXES.find((p) => token.startsWith(p));
  if (token === undefined || prefix === undefined) {
    throw new ApiError('unauthenticated', 'Send X-Token: ACCESSKEY-<Batchyard API key>.');
  }
  return context.authenticator.authenticate(`Bearer ${token.slice(prefix.length)}`);
}
