import type { JobTypeDefinition } from '@batchyard/server';
import type { TestServer } from '../support/index.js';
import { api, compatTenant, type CompatTenant } from './support.js';

/** A job type that reports progress, a counter per step, and a warning when asked. */
export const ALMA_TEST_TYPE: JobTypeDefinition = {
  name: 'alma.export',
  description: 'counts steps for the Alma adapter tests',
  argumentsSchema: {
    type: 'object',
    properties: {
      steps: { type: 'integer', minimum: 0, maximum: 100 },
      note: { type: 'string' },
      warn: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  handler: async (ctx) => {
    const steps = Number(ctx.arguments.steps ?? 1);
    for (let i = 1; i <= steps; i++) {
      ctx.count('label.processed');
      ctx.progress({ done: i, total: steps });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (ctx.arguments.warn === true) ctx.warn('one record was skipped');
    return { steps };
  },
};

export interface AlmaWorld {
  tenant: CompatTenant;
  viewerKey: string;
  other: CompatTenant;
  definitionId: string;
  otherDefinitionId: string;
  throttledDefinitionId: string;
}

/** Two workspaces, each with an `alma.export` definition; a viewer key; a definition throttled to one start an hour. */
export async function almaWorld(server: TestServer, tag: string): Promise<AlmaWorld> {
  const tenant = await compatTenant(server, `alma ${tag}`);
  const other = await compatTenant(server, `alma other ${tag}`);
  const viewer = await api<{ token: string }>(server, server.adminToken, 'POST', '/v1/keys', {
    name: 'alma viewer',
    role: 'viewer',
    workspaceId: tenant.workspaceId,
  });
  const define = (t: CompatTenant, body: Record<string, unknown>) =>
    api<{ id: string }>(server, t.apiKey, 'POST', '/v1/definitions', { type: 'alma.export', ...body });
  const definition = await define(tenant, { name: 'Export', parameters: { steps: 1 } });
  const otherDefinition = await define(other, { name: 'Theirs' });
  const throttled = await define(tenant, { name: 'Hourly', maxStartsPerHour: 1 });
  return {
    tenant,
    viewerKey: viewer.token,
    other,
    definitionId: definition.id,
    otherDefinitionId: otherDefinition.id,
    throttledDefinitionId: throttled.id,
  };
}
