// Parsers of option and argument values, shared by the commands (commander calls them with each value).
import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { UsageError } from './errors.js';

export function integerArg(min: number, max: number): (value: string) => number {
  return (value: string) => {
    if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}.`);
    return n;
  };
}

export function listArg(value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected one or more comma-separated names.');
  return items;
}

const DURATION_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** An ISO 8601 time, or a duration from now (`90m`, `12h`, `30d`, `2w`), as an ISO timestamp. */
export function timeArg(value: string): string {
  const relative = /^\s*(\d+)\s*([mhdw])\s*$/.exec(value);
  if (relative) {
    return new Date(
      Date.now() + Number(relative[1]) * (DURATION_UNITS[relative[2] ?? 'd'] ?? 0),
    ).toISOString();
  }
  const time = /^\d{4}-\d\d-\d\d/.test(value.trim()) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw new InvalidArgumentError(
      'expected an ISO 8601 time (2030-01-31 or 2030-01-31T12:00:00Z) or a duration such as 90m, 12h, 30d or 2w.',
    );
  }
  return new Date(time).toISOString();
}

const WINDOW_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--key-rate 10/1m`: at most 10 starts per minute (windows of 1 s to 1 d: s, m, h, d). */
export function keyRateArg(value: string): { max: number; windowMs: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d*)\s*([smhd])\s*$/.exec(value);
  const max = Number(match?.[1]);
  const windowMs = Number(match?.[2] || 1) * (WINDOW_UNITS[match?.[3] ?? ''] ?? NaN);
  if (!match || !(max >= 1) || !(windowMs >= 1000 && windowMs <= 86_400_000)) {
    throw new InvalidArgumentError(
      'expected starts per window, such as 10/1m, 100/s or 5/30s (window 1s to 1d).',
    );
  }
  return { max, windowMs };
}

/** A choice among `values`, for an option. */
export function choiceArg<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!values.includes(value as T)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}.`);
    return value as T;
  };
}

/** Adds a repeatable option's value to the ones before it. */
export function collect<T>(parse: (value: string) => T): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => [...(previous ?? []), parse(value)];
}

/** `--timeout <seconds>`: a positive number of seconds. */
export function secondsArg(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !(n > 0)) {
    throw new InvalidArgumentError('expected a number of seconds greater than 0.');
  }
  return n;
}

/** `--arg k=v` / `--param k=v` (repeatable): v as JSON when it parses (numbers, booleans, …), else the string. */
export function keyValueArg(
  value: string,
  previous: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected key=value.');
  const key = value.slice(0, at).trim();
  const raw = value.slice(at + 1);
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Not JSON: the text itself.
  }
  return { ...previous, [key]: parsed };
}

/** `--args-json '{…}'`, `@file` or `@-` (stdin): a JSON object. */
export function readJsonObjectArg(value: string, flag: string): Record<string, unknown> {
  let text = value;
  let source = flag;
  if (value.startsWith('@')) {
    const path = value.slice(1);
    source = path === '-' ? 'stdin' : path;
    try {
      text = readFileSync(path === '-' ? 0 : path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${source}: ${(error as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${source} must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** The object of a `--…-json` flag with the `k=v` flags over it; undefined when neither was given. */
export function mergedObject(
  json: string | undefined,
  pairs: Record<string, unknown> | undefined,
  flag: string,
): Record<string, unknown> | undefined {
  if (json === undefined && pairs === undefined) return undefined;
  return { ...(json !== undefined ? readJsonObjectArg(json, flag) : {}), ...pairs };
}

/** A whole number, negative allowed (priorities). */
export function signedIntegerArg(value: string): number {
  if (!/^\s*-?\d+\s*$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

/** An ISO 8601 time, or a duration ago (`90m`, `12h`, `30d`, `2w`), as an ISO timestamp. */
export function pastTimeArg(value: string): string {
  const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
  const relative = /^\s*(\d+)\s*([mhdw])\s*$/.exec(value);
  if (relative) {
    return new Date(Date.now() - Number(relative[1]) * (units[relative[2] ?? 'd'] ?? 0)).toISOString();
  }
  const time = /^\d{4}-\d\d-\d\d/.test(value.trim()) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw new InvalidArgumentError(
      'expected an ISO 8601 time (2030-01-31 or 2030-01-31T12:00:00Z) or a duration ago such as 90m, 12h, 30d or 2w.',
    );
  }
  return new Date(time).toISOString();
}

/** A type's or definition's key limits from `--key-max-running` and `--key-rate` (undefined: neither given). */
export function keyLimitsFlags(flags: {
  keyMaxRunning?: number;
  keyRate?: { max: number; windowMs: number };
}): { maxRunning?: number; rate?: { max: number; windowMs: number } } | undefined {
  if (flags.keyMaxRunning === undefined && flags.keyRate === undefined) return undefined;
  return {
    ...(flags.keyMaxRunning !== undefined ? { maxRunning: flags.keyMaxRunning } : {}),
    ...(flags.keyRate !== undefined ? { rate: flags.keyRate } : {}),
  };
}

/** `2 at once, 10/60s` for key limits ('-': none set). */
export function keyLimitsText(value: unknown): string {
  const limits = value as { maxRunning: number; rate: { max: number; windowMs: number } | null } | null;
  if (!limits) return '-';
  const rate = limits.rate ? `, ${limits.rate.max}/${limits.rate.windowMs / 1000}s` : '';
  return `${limits.maxRunning} at once${rate}`;
}
