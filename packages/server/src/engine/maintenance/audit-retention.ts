import { every, type Duty } from './duty.js';

const PRUNE_MS = 60 * 60_000;

/** Hourly, in every process: audit-log entries past their retention go (the `pruneAuditLog` hook). */
export const auditRetention: Duty = ({ hooks, logger }) => {
  const prune = hooks.pruneAuditLog;
  if (!prune) return undefined;
  return every(PRUNE_MS, prune, (err) => logger.warn({ err }, 'audit-log prune failed'));
};
