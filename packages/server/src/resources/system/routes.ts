import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { sendProblem } from '../../http/errors.js';
import { ErrorResponses, Nullable } from '../../http/schemas.js';
import { RoleSchema } from '../credentials/schema.js';
import type { Store } from '../../store/index.js';

export const MeSchema = Type.Object({
  credentialId: Type.String(),
  kind: Type.Union([Type.Literal('key'), Type.Literal('client')]),
  name: Type.String(),
  workspaceId: Nullable(Type.String()),
  role: RoleSchema,
  member: Nullable(
    Type.Object(
      {
        id: Type.String(),
        role: Type.Union([Type.Literal('annotator'), Type.Literal('reviewer'), Type.Literal('manager')]),
      },
      { description: "The member this key acts for, with the member's role (null: a plain credential)." },
    ),
  ),
});

/** Health, readiness and who-am-I. */
export function systemRoutes(app: App, store: Store): void {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));

  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    try {
      await store.ping();
      const state = await store.migrationState();
      if (state.pending.length > 0) {
        return sendProblem(request, reply, 'not_ready', `Pending migrations: ${state.pending.join(', ')}.`);
      }
      return { status: 'ready', store: store.backend, migrations: state.applied.length };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return sendProblem(
        request,
        reply,
        'not_ready',
        `The store is unreachable: ${(error as Error).message}`,
      );
    }
  });

  app.get(
    '/v1/me',
    {
      config: { access: 'any' },
      schema: {
        tags: ['Auth'],
        operationId: 'getMe',
        summary: 'The credential making the request',
        response: { 200: MeSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const p = request.principal!;
      return {
        credentialId: p.id,
        kind: p.kind,
        name: p.name,
        workspaceId: p.workspaceId,
        role: p.role,
        member: p.member ?? null,
      };
    },
  );
}
