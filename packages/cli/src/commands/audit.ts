import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { Column } from '../output.js';
import { connect, handler } from '../connect.js';
import { listParams, runList, withListOptions, type ListFlags } from '../lists.js';

const AUDIT_COLUMNS: readonly Column[] = [
  { header: 'TIME', field: 'createdAt' },
  { header: 'ACTOR', field: 'actor', format: (value) => formatActor(value) },
  { header: 'ACTION', field: 'action' },
  { header: 'RESOURCE', field: 'resourceId' },
  { header: 'WORKSPACE', field: 'workspaceId' },
  { header: 'SUMMARY', field: 'summary', format: (value) => JSON.stringify(value ?? {}) },
];

function formatActor(value: unknown): string {
  const actor = value as { name?: string; id?: string } | undefined;
  return actor ? `${actor.name ?? ''} (${actor.id ?? ''})` : '-';
}

interface AuditListFlags extends ListFlags {
  workspace?: string;
  actor?: string;
  action?: string;
  resourceType?: string;
  resource?: string;
  request?: string;
  since?: string;
  until?: string;
}

export function registerAudit(program: Command, ctx: Context): void {
  const audit = program.command('audit').description('Read the audit log (admins)');

  withListOptions(
    audit
      .command('list')
      .description('List changes made by credentials, newest first')
      .option('--workspace <id>', 'only this workspace (instance admins)')
      .option('--actor <id>', 'only changes by this API key or client')
      .option('--action <actions>', 'comma-separated actions, e.g. task.review,job.abort')
      .option('--resource-type <types>', 'comma-separated resource types, e.g. task,batch')
      .option('--resource <id>', 'only changes to this resource')
      .option('--request <id>', 'only the changes of this request (its x-request-id)')
      .option('--since <time>', 'at or after this ISO 8601 time')
      .option('--until <time>', 'strictly before this ISO 8601 time'),
  ).action(
    handler<AuditListFlags>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      const optional = <T>(key: string, value: T | undefined) =>
        value === undefined ? {} : { [key]: value };
      await runList(ctx, flags, {
        plural: 'audit-log entries',
        columns: AUDIT_COLUMNS,
        fetch: () =>
          client.auditLog.list({
            ...listParams(flags),
            ...optional('workspaceId', flags.workspace),
            ...optional('actorId', flags.actor),
            ...optional('action', flags.action),
            ...optional('resourceType', flags.resourceType),
            ...optional('resourceId', flags.resource),
            ...optional('requestId', flags.request),
            ...optional('createdAfter', flags.since),
            ...optional('createdBefore', flags.until),
          }),
      });
    }),
  );
}
