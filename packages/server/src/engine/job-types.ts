import type { JobHandler, JobTypeDefinition } from './handlers.js';

/**
 * A built-in job type of one of our resources. Its arguments are written by our own services, not
 * by callers: it is `internal`, so `POST /v1/jobs`, job definitions and remote workers refuse it,
 * and its handler still loads what it touches scoped by the job's workspace.
 */
export function builtinJobType(name: string, description: string, handler: JobHandler): JobTypeDefinition {
  return {
    name,
    description,
    argumentsSchema: { type: 'object', additionalProperties: true },
    handler,
    internal: true,
  };
}

/**
 * The one list of the job types this process knows: the engine's diagnostic ones, the resources'
 * own (`builtinJobType`) and the embedder's in-process ones. Every other type is a custom one,
 * registered per workspace and run by remote workers.
 */
export class JobTypeRegistry {
  private readonly byName: ReadonlyMap<string, JobTypeDefinition>;

  constructor(types: readonly JobTypeDefinition[]) {
    this.byName = new Map([...SYSTEM_JOB_TYPES, ...types].map((t) => [t.name, t]));
  }

  get(name: string): JobTypeDefinition | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Whether `name` is a resource's own job type (batch.*, tasks.*, webhook.deliver, dataset.search, …). */
  isInternal(name: string): boolean {
    return this.byName.get(name)?.internal === true;
  }

  keys(): IterableIterator<string> {
    return this.byName.keys();
  }

  values(): IterableIterator<JobTypeDefinition> {
    return this.byName.values();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Built-in diagnostic job types: `system.noop` (does nothing: for health checks and benchmarks)
 * and `system.sleep` (waits in steps while reporting progress and checkpointing: for trying out
 * waiting, progress, abort and resume end to end).
 */
const SYSTEM_JOB_TYPES: JobTypeDefinition[] = [
  {
    name: 'system.noop',
    description: 'Does nothing and succeeds at once.',
    argumentsSchema: { type: 'object', additionalProperties: false, properties: {} },
    handler: async () => null,
  },
  {
    name: 'system.sleep',
    description:
      'Sleeps for `ms` milliseconds in `steps` steps, reporting progress, checkpointing and logging a line after each.',
    argumentsSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['ms'],
      properties: {
        ms: { type: 'integer', minimum: 0, maximum: 86_400_000 },
        steps: { type: 'integer', minimum: 1, maximum: 10_000, default: 10 },
        failTimes: {
          type: 'integer',
          minimum: 0,
          description:
            'Fail this many attempts first, halfway (retries and `retry` included; at least maxAttempts makes the job fail).',
        },
      },
    },
    handler: async (ctx) => {
      const {
        ms,
        steps = 10,
        failTimes = 0,
      } = ctx.arguments as { ms: number; steps?: number; failTimes?: number };
      // The checkpoint keeps the steps done and the planned failures so far, so `failTimes` counts
      // every attempt that failed, automatic retries and `retry` alike (a number: older checkpoints).
      const saved = ctx.checkpoint as { step?: number; failed?: number } | number | null | undefined;
      const start = typeof saved === 'number' ? saved : (saved?.step ?? 0);
      let failed = typeof saved === 'object' && saved !== null ? (saved.failed ?? 0) : 0;
      const failAt = Math.ceil(steps / 2);
      const failIfPlanned = async (done: number) => {
        if (done < failAt || failed >= failTimes) return;
        failed++;
        ctx.log('warn', `failing as planned after step ${done}`, { attempt: ctx.attempt, failed });
        await ctx.saveCheckpoint({ step: done, failed });
        throw new Error(`planned failure of attempt ${ctx.attempt}`);
      };
      ctx.log(
        'info',
        start > 0 ? `resuming at step ${start} of ${steps}` : `sleeping ${ms} ms in ${steps} steps`,
        { ms, steps, attempt: ctx.attempt },
      );
      await failIfPlanned(start); // an attempt that resumes past the failure point
      for (let step = start; step < steps; step++) {
        await sleep(ms / steps, ctx.signal);
        ctx.progress({ done: step + 1, total: steps, unit: 'steps' });
        ctx.log('debug', `step ${step + 1} of ${steps}`);
        await ctx.saveCheckpoint({ step: step + 1, failed });
        await failIfPlanned(step + 1);
      }
      ctx.log('info', 'done');
      return { sleptMs: ms, steps, resumedAt: start };
    },
  },
];
