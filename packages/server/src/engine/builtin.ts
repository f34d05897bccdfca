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
