import type { Principal } from '../../auth/principal.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import type { Store } from '../../store/index.js';
import { findMember, membersByIds } from '../../store/queries/members.js';
import { findProject } from '../../store/queries/projects.js';
import {
  activeHoursByMember,
  agreementByMember,
  goldByMember,
  submitsByMember,
  verdictsBySubmitter,
  type QualityRange,
} from '../../store/queries/quality.js';
import { isoTime } from '../../time.js';
import type { MemberQuality, QualityQueryInput, QualityReport } from './schema.js';

/** The range a report covers when the request names no start: the 30 days before its end. */
const DEFAULT_DAYS = 30;

/**
 * The per-member quality report of a project over a time range: throughput, gold accuracy,
 * agreement and rejection rate, each an aggregate query in the store, joined here by member.
 */
export class QualityService {
  constructor(private readonly store: Store) {}

  async report(principal: Principal, query: QualityQueryInput): Promise<QualityReport> {
    const range = await this.range(principal, query);
    return { data: await this.rows(principal, range), from: isoTime(range.from), to: isoTime(range.to) };
  }

  /** One member's row (zeros when they did nothing in the range). */
  async member(principal: Principal, memberId: string, query: QualityQueryInput): Promise<MemberQuality> {
    const member = await findMember(this.store.db, memberId, principal.workspaceId);
    if (!member) throw notFound('Member', memberId);
    const range = await this.range(principal, query);
    const [row] = await this.rows(principal, { ...range, memberId: member.id });
    return row ?? emptyRow(member);
  }

  private async range(principal: Principal, query: QualityQueryInput): Promise<QualityRange> {
    // The range is [from, to): with no `to`, the end is the millisecond after now, so work recorded
    // in the same millisecond as the request still counts.
    const to = query.to === undefined ? Date.now() + 1 : instant(query.to, '/to');
    const from = query.from === undefined ? to - DEFAULT_DAYS * 86_400_000 : instant(query.from, '/from');
    if (from >= to) throw badField('query', '/from', 'must be before `to`');
    const project = await findProject(this.store.db, query.projectId, principal.workspaceId);
    if (!project) {
      throw new ApiError('not_found', `Project ${query.projectId} was not found.`, {
        errors: [{ in: 'query', pointer: '/projectId', message: 'no such project in this workspace' }],
      });
    }
    return { projectId: project.id, from, to };
  }

  private async rows(principal: Principal, range: QualityRange): Promise<MemberQuality[]> {
    const db = this.store.db;
    const [submits, gold, hours, verdicts, agreements] = [
      await submitsByMember(db, range),
      await goldByMember(db, range),
      await activeHoursByMember(db, range),
      await verdictsBySubmitter(db, range),
      await agreementByMember(db, range),
    ];
    const ids = new Set([...submits, ...gold, ...hours, ...verdicts, ...agreements].map((r) => r.memberId));
    const members = await membersByIds(db, [...ids], principal.workspaceId);
    const by = <T extends { memberId: string }>(rows: T[]) => new Map(rows.map((r) => [r.memberId, r]));
    const [s, g, h, v, a] = [by(submits), by(gold), by(hours), by(verdicts), by(agreements)];
    return members
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((m) => {
        const row = emptyRow(m);
        const answered = g.get(m.id)?.answered ?? 0;
        row.submitted = (s.get(m.id)?.submitted ?? 0) + answered;
        row.activeHours = h.get(m.id)?.hours ?? 0;
        row.throughputPerHour = row.activeHours > 0 ? row.submitted / row.activeHours : 0;
        row.gold = { answered, accuracy: g.get(m.id)?.accuracy ?? null };
        const verdict = v.get(m.id);
        if (verdict)
          row.reviews = {
            verdicts: verdict.verdicts,
            rejected: verdict.rejected,
            rejectionRate: verdict.verdicts > 0 ? verdict.rejected / verdict.verdicts : null,
          };
        row.agreement = a.get(m.id)?.agreement ?? null;
        return row;
      });
  }
}

function emptyRow(m: { id: string; name: string; role: string }): MemberQuality {
  return {
    memberId: m.id,
    name: m.name,
    role: m.role,
    submitted: 0,
    activeHours: 0,
    throughputPerHour: 0,
    gold: { answered: 0, accuracy: null },
    agreement: null,
    reviews: { verdicts: 0, rejected: 0, rejectionRate: null },
  };
}

/** An ISO 8601 date-time from the query, as epoch ms. */
function instant(text: string, pointer: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw badField('query', pointer, 'needs an ISO 8601 date-time');
  return ms;
}
