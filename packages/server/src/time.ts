/** Timestamps on the wire: RFC 3339 in UTC with milliseconds (stored as epoch milliseconds). */
export function isoTime(ms: number): string;
export function isoTime(ms: number | null): string | null;
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
