import { Type } from '@sinclair/typebox';
import type { AuthFailureLimiter } from '../../auth/failures.js';
import type { App } from '../../http/app-types.js';
import { ApiError } from '../../errors/problem.js';
import { parseFields, parseList, project, toPage } from '../../http/list.js';
import { ErrorResponses, FieldsQuery, IdParams, PageSchema } from '../../http/schemas.js';
import {
  API_CLIENT_FIELDS,
  API_KEY_FIELDS,
  ApiClientSchema,
  ApiKeySchema,
  CreateApiClientBody,
  CreateApiKeyBody,
  CreatedApiClientSchema,
  CreatedApiKeySchema,
  ListCredentialsQuery,
  TokenRequestBody,
  TokenResponseSchema,
} from './schema.js';
import { toApiClient, toApiKey, type CredentialService } from './service.js';

const sortable = { id: 'id', name: 'name', createdAt: 'created_at' };

export function credentialRoutes(app: App, service: CredentialService, failures?: AuthFailureLimiter): void {
  const keyList = { sortable, defaultSort: 'id', fields: API_KEY_FIELDS };
  const clientList = { sortable, defaultSort: 'id', fields: API_CLIENT_FIELDS };

  app.post(
    '/v1/keys',
    {
      config: { access: 'admin', secretFields: ['token'] },
      schema: {
        tags: ['API keys'],
        operationId: 'createApiKey',
        summary: 'Create an API key (the token is shown once)',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKeySchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createKey(request.principal!, request.body)),
  );

  app.get(
    '/v1/keys',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['API keys'],
        operationId: 'listApiKeys',
        summary: 'List API keys',
        querystring: ListCredentialsQuery,
        response: { 200: PageSchema(Type.Partial(ApiKeySchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, keyList);
      return toPage(
        await service.listKeys(request.principal!, request.query.workspaceId, list),
        list,
        toApiKey,
      );
    },
  );

  app.get(
    '/v1/keys/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['API keys'],
        operationId: 'getApiKey',
        summary: 'Get an API key',
        params: IdParams,
        querystring: FieldsQuery,
        response: { 200: Type.Partial(ApiKeySchema), ...ErrorResponses },
      },
    },
    async (request) =>
      project(
        toApiKey(await service.getKey(request.principal!, request.params.id)),
        parseFields(request.query.fields, API_KEY_FIELDS),
      ),
  );

  app.delete(
    '/v1/keys/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['API keys'],
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key (it stops working at once)',
        params: IdParams,
        response: { 200: ApiKeySchema, ...ErrorResponses },
      },
    },
    async (request) => service.revokeKey(request.principal!, request.params.id),
  );

  app.post(
    '/v1/clients',
    {
      config: { access: 'admin', secretFields: ['clientSecret'] },
      schema: {
        tags: ['API clients'],
        operationId: 'createApiClient',
        summary: 'Create an OAuth2 API client (the secret is shown once)',
        body: CreateApiClientBody,
        response: { 201: CreatedApiClientSchema, ...ErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createClient(request.principal!, request.body)),
  );

  app.get(
    '/v1/clients',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['API clients'],
        operationId: 'listApiClients',
        summary: 'List API clients',
        querystring: ListCredentialsQuery,
        response: { 200: PageSchema(Type.Partial(ApiClientSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, clientList);
      return toPage(
        await service.listClients(request.principal!, request.query.workspaceId, list),
        list,
        toApiClient,
      );
    },
  );

  app.get(
    '/v1/clients/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['API clients'],
        operationId: 'getApiClient',
        summary: 'Get an API client',
        params: IdParams,
        querystring: FieldsQuery,
        response: { 200: Type.Partial(ApiClientSchema), ...ErrorResponses },
      },
    },
    async (request) =>
      project(
        toApiClient(await service.getClient(request.principal!, request.params.id)),
        parseFields(request.query.fields, API_CLIENT_FIELDS),
      ),
  );

  app.delete(
    '/v1/clients/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['API clients'],
        operationId: 'revokeApiClient',
        summary: 'Revoke an API client (its access tokens stop working at once)',
        params: IdParams,
        response: { 200: ApiClientSchema, ...ErrorResponses },
      },
    },
    async (request) => service.revokeClient(request.principal!, request.params.id),
  );

  app.post(
    '/v1/oauth/token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Auth'],
        operationId: 'createAccessToken',
        summary: 'OAuth2 client-credentials grant',
        security: [],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: TokenRequestBody,
        response: { 200: TokenResponseSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (body.grant_type !== 'client_credentials') {
        throw new ApiError(
          'unsupported_grant_type',
          `grant_type "${body.grant_type}" is not supported; use client_credentials.`,
          {
            errors: [{ in: 'body', pointer: '/grant_type', message: 'must be client_credentials' }],
            extensions: { error: 'unsupported_grant_type' },
          },
        );
      }
      let clientId = body.client_id;
      let clientSecret = body.client_secret;
      const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      if (basic?.[1]) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) {
          clientId = decodeURIComponent(decoded.slice(0, colon));
          clientSecret = decodeURIComponent(decoded.slice(colon + 1));
        }
      }
      if (!clientId || !clientSecret) {
        throw new ApiError(
          'invalid_client',
          'Send client_id and client_secret (in the body or as HTTP Basic auth).',
          {
            extensions: { error: 'invalid_client' },
            headers: { 'www-authenticate': 'Basic realm="batchyard"' },
          },
        );
      }
      const { accessToken, expiresIn } = await service
        .issueToken(clientId, clientSecret)
        .catch((error: unknown) => {
          throw failures?.refuse(request.ip, error) ?? error;
        });
      reply.header('cache-control', 'no-store');
      return { access_token: accessToken, token_type: 'Bearer' as const, expires_in: expiresIn };
    },
  );
}
