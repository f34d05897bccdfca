import type { SchedulePreview } from '@batchyard/sdk';
import { useEffect, useState } from 'react';
import { CliCommand, FieldError } from '../components.js';
import { cliCommand, formatDuration, isAbort, useNow } from '../lib.js';
import type { Problem } from '../schema-form.js';
import { problemsUnder } from '../schema-form.js';
import { useSession } from '../session.js';

/** What the schedule fields hold as the page knows it: no schedule, checking, its times, or problems. */
export type ScheduleCheck =
  | { state: 'none' }
  | { state: 'checking' }
  | { state: 'ok'; preview: SchedulePreview }
  | { state: 'bad'; problems: Problem[] };

const DEBOUNCE_MS = 250;

/** The shape a cron expression must have before the server is asked (5 fields, or 6 with seconds). */
function localProblems(schedule: string): Problem[] {
  const fields = schedule.trim().split(/\s+/);
  if (schedule.trim().startsWith('@')) return [];
  if (fields.length < 5 || fields.length > 6)
    return [
      {
        pointer: '/schedule',
        message: `has ${fields.length} field${fields.length === 1 ? '' : 's'}: a cron expression has 5 (minute hour day-of-month month day-of-week), or 6 with seconds first`,
      },
    ];
  return [];
}

/**
 * The next five fire times of a schedule, asked of the server as you type (debounced): it
 * computes them with the scheduler's own code (croner, Node's time zone data), so the preview is
 * what will fire. A bad expression or time zone comes back as a problem at /schedule or /timezone.
 */
export function useScheduleCheck(schedule: string, timezone: string): ScheduleCheck {
  const { client } = useSession();
  const [check, setCheck] = useState<ScheduleCheck>({ state: 'none' });
  useEffect(() => {
    if (schedule.trim() === '') {
      setCheck({ state: 'none' });
      return;
    }
    const local = localProblems(schedule);
    if (local.length > 0) {
      setCheck({ state: 'bad', problems: local });
      return;
    }
    setCheck({ state: 'checking' });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      client.definitions
        .schedulePreview(
          { schedule: schedule.trim(), timezone: timezone.trim() || 'UTC' },
          { signal: controller.signal },
        )
        .then(
          (preview) => setCheck({ state: 'ok', preview }),
          (error: unknown) => {
            if (isAbort(error)) return;
            const problems = problemsUnder(error, '');
            setCheck({
              state: 'bad',
              problems:
                problems.length > 0
                  ? problems
                  : [{ pointer: '/schedule', message: (error as Error).message || 'could not be checked' }],
            });
          },
        );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, schedule, timezone]);
  return check;
}

export function scheduleMessages(check: ScheduleCheck, pointer: '/schedule' | '/timezone'): string[] {
  return check.state === 'bad'
    ? check.problems.filter((p) => p.pointer === pointer).map((p) => p.message)
    : [];
}

const TIME_ZONES: readonly string[] = (() => {
  try {
    return (
      (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ??
      []
    );
  } catch {
    return [];
  }
})();

/** The schedule and time zone fields, with the next five fire times under them. */
export function ScheduleFields({
  schedule,
  timezone,
  onSchedule,
  onTimezone,
  check,
  serverProblems,
}: {
  schedule: string;
  timezone: string;
  onSchedule: (value: string) => void;
  onTimezone: (value: string) => void;
  check: ScheduleCheck;
  serverProblems: { schedule: string[]; timezone: string[] };
}) {
  const now = useNow(30_000);
  const scheduleShown = [...scheduleMessages(check, '/schedule'), ...serverProblems.schedule];
  const timezoneShown = [...scheduleMessages(check, '/timezone'), ...serverProblems.timezone];
  const withSeconds = schedule.trim().split(/\s+/).length === 6;
  return (
    <fieldset className="schedule-fields">
      <legend>Schedule</legend>
      <label htmlFor="definition-schedule">Cron expression (empty: run by hand only)</label>
      <input
        id="definition-schedule"
        value={schedule}
        spellCheck={false}
        placeholder="0 3 * * *"
        onChange={(e) => onSchedule(e.target.value)}
        aria-invalid={scheduleShown.length > 0}
        aria-describedby={`definition-schedule-hint${scheduleShown.length > 0 ? ' definition-schedule-error' : ''}`}
      />
      <p id="definition-schedule-hint" className="hint">
        minute hour day-of-month month day-of-week (a 6th field first for seconds), e.g.{' '}
        <code>0 3 * * *</code> every day at 03:00, <code>*/15 9-17 * * 1-5</code> every quarter hour of
        working hours.
      </p>
      <FieldError id="definition-schedule-error" messages={scheduleShown} />

      <label htmlFor="definition-timezone">Time zone</label>
      <input
        id="definition-timezone"
        value={timezone}
        list="definition-timezones"
        spellCheck={false}
        onChange={(e) => onTimezone(e.target.value)}
        aria-invalid={timezoneShown.length > 0}
        aria-describedby={timezoneShown.length > 0 ? 'definition-timezone-error' : undefined}
      />
      <datalist id="definition-timezones">
        {TIME_ZONES.map((tz) => (
          <option key={tz} value={tz} />
        ))}
      </datalist>
      <FieldError id="definition-timezone-error" messages={timezoneShown} />

      <div className="fire-times" role="status" aria-live="polite" aria-label="Next fire times">
        {check.state === 'none' ? (
          <p className="hint">No schedule: it runs only when started by hand (or by the API).</p>
        ) : check.state === 'checking' ? (
          <p className="hint">Computing the next fire times…</p>
        ) : check.state === 'bad' ? (
          <p className="hint">Fix the schedule to see when it fires.</p>
        ) : check.preview.times.length === 0 ? (
          <p className="hint">This schedule never fires.</p>
        ) : (
          <>
            <p className="hint">
              Next {check.preview.times.length} fire times (as the server&apos;s scheduler computes them):
            </p>
            <ol className="fire-list">
              {check.preview.times.map((iso) => (
                <li key={iso}>
                  <time dateTime={iso}>{formatIn(iso, check.preview.timezone, withSeconds)}</time>{' '}
                  <span className="muted small">
                    {check.preview.timezone === 'UTC'
                      ? ''
                      : `${iso.slice(0, withSeconds ? 19 : 16).replace('T', ' ')} UTC · `}
                    in {formatDuration(Date.parse(iso) - now)}
                  </span>
                </li>
              ))}
            </ol>
            <CliCommand
              command={cliCommand(
                'definitions',
                'schedule-preview',
                check.preview.schedule,
                ...(check.preview.timezone === 'UTC' ? [] : ['--timezone', check.preview.timezone]),
              )}
              label="preview this schedule"
            />
          </>
        )}
      </div>
    </fieldset>
  );
}

/** A time as a clock in `timezone` shows it, with the zone's name. */
function formatIn(iso: string, timezone: string, seconds: boolean): string {
  try {
    return `${new Intl.DateTimeFormat(undefined, {
      timeZone: timezone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    }).format(new Date(iso))} (${timezone})`;
  } catch {
    return iso;
  }
}
