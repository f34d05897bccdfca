import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { parseFields, parseList, project, toPage } from '../../http/list.js';
import { ErrorResponses, FieldsQuery, IdParams, PageSchema } from '../../http/schemas.js';
import {
  CreateWebhookBody,
  DeliverySchema,
  ListDeliveriesQuery,
  ListWebhooksQuery,
  UpdateWebhookBody,
  WEBHOOK_FIELDS,
  WebhookSchema,
} from './schema.js';
import { toDelivery, toWebhook, type WebhookService } from './service.js';

const tags = ['Webhooks'];
const listSpec = {
  sortable: { id: 'id', createdAt: 'created_at', updatedAt: 'updated_at', url: 'url' },
  defaultSort: 'id',
  fields: WEBHOOK_FIELDS,
};
const deliverySpec = {
  sortable: { id: 'id', createdAt: 'created_at', updatedAt: 'updated_at' },
  defaultSort: 'id:desc',
  fields: Object.keys(DeliverySchema.properties),
};

export function webhookRoutes(app: App, service: WebhookService): void {
  app.post(
    '/v1/webhooks',
    {
      config: { access: 'admin', secretFields: ['secret'] },
      schema: {
        tags,
        operationId: 'createWebhook',
        summary: "Subscribe a URL to a project's events (the answer holds the signing secret, once)",
        body: CreateWebhookBody,
        response: { 201: WebhookSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.principal!, request.body)),
  );

  app.get(
    '/v1/webhooks',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'listWebhooks',
        summary: 'List webhooks (of a project with projectId)',
        querystring: ListWebhooksQuery,
        response: { 200: PageSchema(Type.Partial(WebhookSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      const page = await service.list(
        request.principal!,
        { workspaceId: request.query.workspaceId, projectId: request.query.projectId },
        list,
      );
      return toPage(page, list, (row) => toWebhook(row));
    },
  );

  app.get(
    '/v1/webhooks/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'getWebhook',
        summary: 'Get a webhook',
        params: IdParams,
        querystring: FieldsQuery,
        response: { 200: Type.Partial(WebhookSchema), ...ErrorResponses },
      },
    },
    async (request) =>
      project(
        toWebhook(await service.getRow(request.principal!, request.params.id)),
        parseFields(request.query.fields, WEBHOOK_FIELDS),
      ),
  );

  app.patch(
    '/v1/webhooks/:id',
    {
      config: { access: 'admin', secretFields: ['secret'] },
      schema: {
        tags,
        operationId: 'updateWebhook',
        summary: 'Change a webhook (URL, events, enabled, retries) or rotate its secret',
        params: IdParams,
        body: UpdateWebhookBody,
        response: { 200: WebhookSchema, ...ErrorResponses },
      },
    },
    async (request) => service.update(request.principal!, request.params.id, request.body),
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'deleteWebhook',
        summary: 'Delete a webhook and its delivery log',
        params: IdParams,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await service.delete(request.principal!, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: 'The delivery log: each event sent, its attempts, last status code and last error',
        params: IdParams,
        querystring: ListDeliveriesQuery,
        response: { 200: PageSchema(Type.Partial(DeliverySchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList({ ...request.query, fields: undefined }, deliverySpec);
      const page = await service.deliveries(
        request.principal!,
        request.params.id,
        request.query.status,
        list,
      );
      return toPage(page, list, toDelivery);
    },
  );

  app.post(
    '/v1/webhooks/:id/ping',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'pingWebhook',
        summary: 'Send a webhook.ping event now',
        params: IdParams,
        response: { 202: DeliverySchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await service.ping(request.principal!, request.params.id)),
  );
}
