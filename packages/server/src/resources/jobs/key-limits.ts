import type { KeyLimitsInput } from './schema.js';

/** Key limits as the store keeps them (on types, definitions and each keyed job). */
export interface StoredKeyLimits {
  key_max_running: number | null;
  key_rate_max: number | null;
  key_rate_window_ms: number | null;
}

/** How a type or a definition shows its key limits (null: the default, one at a time). */
export interface KeyLimits {
  maxRunning: number;
  rate: { max: number; windowMs: number } | null;
}

/** The columns for `limits` (null or `{}`: back to the default). */
export function storedKeyLimits(limits: KeyLimitsInput | null): StoredKeyLimits {
  return {
    key_max_running: limits?.maxRunning ?? null,
    key_rate_max: limits?.rate?.max ?? null,
    key_rate_window_ms: limits?.rate?.windowMs ?? null,
  };
}

/** The limits a row sets, or null when it sets none. */
export function keyLimitsOf(row: Partial<StoredKeyLimits> | undefined | null): StoredKeyLimits | null {
  if (!row || (row.key_max_running == null && row.key_rate_max == null)) return null;
  return {
    key_max_running: row.key_max_running ?? null,
    key_rate_max: row.key_rate_max ?? null,
    key_rate_window_ms: row.key_rate_window_ms ?? null,
  };
}

/** The API's form of a row's limits (null: it sets none). */
export function keyLimitsView(row: Partial<StoredKeyLimits> | undefined | null): KeyLimits | null {
  const limits = keyLimitsOf(row);
  if (!limits) return null;
  return {
    maxRunning: limits.key_max_running ?? 1,
    rate:
      limits.key_rate_max != null && limits.key_rate_window_ms != null
        ? { max: limits.key_rate_max, windowMs: limits.key_rate_window_ms }
        : null,
  };
}
