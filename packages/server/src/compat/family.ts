import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { checkAccess, checkMemberAccess, type Principal } from '../auth/principal.js';
import { ApiError } from '../errors/problem.js';
import type { App } from '../http/app-types.js';
import { describeError, type ErrorAnswer } from '../http/errors.js';
import type { CompatContext } from './context.js';

/** A family's error as its client parses it. */
export interface FamilyError {
  status: number;
  contentType: string;
  body: string;
}

export interface FamilyOptions {
  /** Where the family is mounted: `/compat/<family>` (Albert also at the root, so several). */
  prefixes: readonly string[];
  /**
   * Who is calling, from what this family's client sends (its own header or token). Throws the
   * 401 ApiError from the authenticator when the credential is missing or wrong.
   */
  authenticate(request: FastifyRequest, context: CompatContext): Promise<Principal>;
  /** Renders any error (already classified by http/errors.ts) in the body and status the client parses. */
  renderError(answer: ErrorAnswer, request: FastifyRequest): FamilyError;
  /** Declares the family's routes on its scope (each with `config.compatAccess`). */
  routes(scope: App, context: CompatContext): void;
}

/**
 * Mounts one seed family: its routes under each prefix, its authentication before every route that
 * declares `compatAccess` (roles checked as on the native API), and its error shape for every error
 * in its scope, unknown paths included. The native API's problem+json is untouched.
 */
export async function registerFamily(app: App, context: CompatContext, family: FamilyOptions): Promise<void> {
  for (const prefix of family.prefixes) {
    await app.register(
      async (scope) => {
        const typed = scope as unknown as App;
        // The seed services' contracts, not Batchyard's: kept out of /openapi.json and the SDK.
        typed.addHook('onRoute', (route) => {
          route.schema = { ...route.schema, hide: true };
        });
        typed.addHook('onRequest', async (request) => {
          const access = request.routeOptions.config.compatAccess;
          if (access === undefined || access === 'public') return;
          const principal = await family.authenticate(request, context).catch((error: unknown) => {
            throw context.authFailures.refuse(request.ip, error);
          });
          request.principal = { ...principal, requestId: request.id };
          request.log = request.log.child({ workspaceId: principal.workspaceId, credentialId: principal.id });
          checkAccess(request.principal, access);
          // A member's key writes through a seed client only as a manager would (no route here is a queue).
          checkMemberAccess(request.principal, access);
        });
        typed.setErrorHandler((error: FastifyError | ApiError, request, reply) =>
          send(reply, family.renderError(describeError(error, request), request), error),
        );
        typed.setNotFoundHandler((request, reply) => {
          const error = new ApiError(
            'route_not_found',
            `No route ${request.method} ${request.url.split('?')[0]}.`,
          );
          return send(reply, family.renderError(describeError(error, request), request), error);
        });
        family.routes(typed, context);
        // The dashboard's root `GET /*` would otherwise take unknown GETs under this prefix and
        // answer them in problem+json; here they reach the family's own 404.
        typed.get('/*', { schema: { hide: true } }, async (request) => {
          throw new ApiError('route_not_found', `No route GET ${request.url.split('?')[0]}.`);
        });
      },
      { prefix },
    );
  }
}

function send(reply: FastifyReply, rendered: FamilyError, error: FastifyError | ApiError) {
  if (error instanceof ApiError && error.headers) {
    // Retry-After and the like; a Bearer challenge would only confuse a client that never sent one.
    for (const [name, value] of Object.entries(error.headers))
      if (name.toLowerCase() !== 'www-authenticate') reply.header(name, value);
  }
  return reply
    .code(rendered.status)
    .type(rendered.contentType)
    .serializer((body) => String(body))
    .send(rendered.body);
}

/** The value of a header sent once (a repeated header is treated as absent). */
export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}
