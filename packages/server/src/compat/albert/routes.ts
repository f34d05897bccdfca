import type { App } from '../../http/app-types.js';
import { ApiError } from '../../errors/problem.js';
import type { CompatContext } from '../context.js';
import { nativeTaskId } from './ids.js';
import {
  CreateBody,
  GetQuery,
  PatchBody,
  TaskParams,
  TokenBody,
  toBatchData,
  toValuePatches,
} from './wire.js';

// Albert columns are "Product" columns; a new sheet starts with one, as upstream does.
const FIRST_PRODUCT = { id: 'COL1', name: 'Product 1' };

/** Albert's four calls, relative to `/api/v3` (mounted at the root and under /compat/albert). */
export function albertRoutes(app: App, context: CompatContext): void {
  const { sheets, credentials } = context.services;

  app.post(
    '/login/oauth/token',
    {
      config: { compatAccess: 'public' },
      schema: { hide: true, consumes: ['application/x-www-form-urlencoded'], body: TokenBody },
    },
    async (request) => {
      const body = request.body as { grant_type: string; client_id: string; client_secret: string };
      if (body.grant_type !== 'client_credentials') {
        throw new ApiError(
          'unsupported_grant_type',
          `grant_type "${body.grant_type.slice(0, 40)}" is not supported; use client_credentials.`,
        );
      }
      const token = await credentials.issueToken(body.client_id, body.client_secret);
      // refresh_token is required by the client's model, though it never uses it.
      return {
        issued_token_type: 'access_token',
        token_type: 'Bearer',
        access_token: token.accessToken,
        refresh_token: '',
        expires_in: token.expiresIn,
      };
    },
  );

  app.post(
    '/batchdata',
    { config: { compatAccess: 'write' }, schema: { hide: true, body: CreateBody } },
    async (request) => {
      const { parentId } = request.body as { parentId: string };
      const sheet = await sheets.create(request.principal!, nativeTaskId(parentId), {
        columns: [FIRST_PRODUCT],
      });
      return toBatchData(sheet);
    },
  );

  app.get(
    '/batchdata',
    { config: { compatAccess: 'read' }, schema: { hide: true, querystring: GetQuery } },
    async (request) => {
      const query = request.query as {
        id: string;
        limit?: number;
        startKey?: string;
        orderBy?: 'asc' | 'desc';
      };
      const sheet = await sheets.get(request.principal!, nativeTaskId(query.id), {
        limit: query.limit,
        startKey: query.startKey,
        order: query.orderBy,
      });
      return toBatchData(sheet);
    },
  );

  app.patch(
    '/batchdata/:id/values',
    {
      config: { compatAccess: 'write' },
      bodyLimit: 1024 * 1024,
      schema: { hide: true, params: TaskParams, body: PatchBody },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const taskId = nativeTaskId(id);
      const patches = toValuePatches(request.body as Parameters<typeof toValuePatches>[0]);
      return sheets.patch(request.principal!, taskId, patches);
    },
  );
}
