import type { JobHandler, JobTypeDefinition } from './handlers.js';

/**
 * A built-in job type of one of our resources. Its arguments are written by our own services, not
 * by callers, so any object passes the creation check; the handler checks what it reads.
 */
export function builtinJobType(name: string, description: string, handler: JobHandler): JobTypeDefinition {
  return { name, description, argumentsSchema: { type: 'object', additionalProperties: true }, handler };
}
