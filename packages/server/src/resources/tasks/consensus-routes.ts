import type { App } from '../../http/app-types.js';
import { ErrorResponses, IdParams } from '../../http/schemas.js';
import { AnnotationListSchema, AnnotationParams, TaskSchema } from './schema.js';
import type { TaskService } from './service.js';

const tags = ['Tasks'];

/** Consensus: a task's annotations, and a reviewer's choice of its result among them. */
export function consensusRoutes(app: App, service: TaskService): void {
  app.get(
    '/v1/tasks/:id/annotations',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listTaskAnnotations',
        summary:
          "A task's annotations by several members (consensus projects), oldest first, with the one chosen as the task's data",
        params: IdParams,
        response: { 200: AnnotationListSchema, ...ErrorResponses },
      },
    },
    async (request) => ({ data: await service.consensus.list(request.principal!, request.params.id) }),
  );

  app.post(
    '/v1/tasks/:id/annotations/:annotationId/choose',
    {
      config: { access: 'write', memberRoles: ['reviewer', 'manager'] },
      schema: {
        tags,
        operationId: 'chooseTaskAnnotation',
        summary:
          "Choose one of a task's annotations as its result: the task's data becomes that annotation's (its status stays)",
        params: AnnotationParams,
        response: { 200: TaskSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const { id, annotationId } = request.params;
      await service.consensus.choose(request.principal!, id, annotationId);
      return service.get(request.principal!, id, new Set(['data']));
    },
  );
}
