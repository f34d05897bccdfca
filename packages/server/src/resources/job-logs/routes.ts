import type { App } from '../../http/app-types.js';
import { ErrorResponses, IdParams } from '../../http/schemas.js';
import { openEventStream, revocationProblem } from '../jobs/streams.js';
import { JobLogPageSchema, JobLogsQuery, type JobLogPage } from './schema.js';
import type { JobLogService } from './service.js';

/** Lines a follower reads at once. */
const FOLLOW_PAGE = 1000;
/** A follower re-reads this often when no event came (the backstop of the notifications). */
const FOLLOW_BACKSTOP_MS = 5000;

export function jobLogRoutes(app: App, service: JobLogService): void {
  app.get(
    '/v1/jobs/:id/logs',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Jobs'],
        operationId: 'getJobLogs',
        summary:
          "A page of the job's log lines after `after`; with follow=true, server-sent events: `line` for each line as it is written, `end` once the job has ended",
        params: IdParams,
        querystring: JobLogsQuery,
        produces: ['application/json', 'text/event-stream'],
        response: { 200: JobLogPageSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const { id } = request.params;
      const { after = 0, limit = 100, follow = false } = request.query;
      if (!follow) return service.page(principal, id, after, limit);

      // Subscribed before the first read, so no line written in between is missed.
      let changed = false;
      let wake: (() => void) | undefined;
      const unsubscribe = service.onLinesOrChange(id, () => {
        changed = true;
        wake?.();
      });
      let first: JobLogPage;
      try {
        // Not found (another workspace's job included) before the stream starts.
        first = await service.page(principal, id, after, FOLLOW_PAGE);
      } catch (error) {
        unsubscribe();
        throw error;
      }
      const stream = openEventStream(request, reply);
      const revoked = reply.untilRevoked();
      const gone = AbortSignal.any([stream.gone, revoked]);
      gone.addEventListener('abort', () => wake?.());
      try {
        let page = first;
        for (;;) {
          for (const line of page.data) stream.send('line', JSON.stringify(line));
          if (page.ended) {
            const { status, lastSeq, dropped } = page;
            stream.send('end', JSON.stringify({ status, lastSeq, dropped }));
            break;
          }
          if (gone.aborted) break;
          // A full page: more lines are waiting, read them now.
          if (page.data.length < FOLLOW_PAGE && !changed) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, FOLLOW_BACKSTOP_MS);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
          }
          if (gone.aborted) break;
          changed = false;
          page = await service.page(principal, id, page.nextAfter, FOLLOW_PAGE);
        }
      } catch (error) {
        // The job was deleted meanwhile (404), or the store failed: the stream ends.
        request.log.warn({ err: error }, 'job log stream failed');
      } finally {
        unsubscribe();
        if (revoked.aborted) stream.send('error', revocationProblem(revoked, request.id));
        stream.end();
      }
    },
  );
}
