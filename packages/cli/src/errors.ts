import { CommanderError } from 'commander';
import { APIConnectionError, APIError, APIUserAbortError, BatchyardError } from '@batchyard/sdk';
import type { Context } from './context.js';

/** Process exit codes, documented in `batchyard --help`. */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  api: 3,
  notFound: 4,
  auth: 5,
  jobFailed: 6,
  jobAborted: 7,
  waitTimeout: 8,
  refused: 9,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  unexpected error
  2  usage error: unknown command or option, bad flag value, missing profile or credential, bad configuration
  3  API error: the server refused the request (4xx other than 401/403/404, 5xx) or could not be reached
  4  not found (HTTP 404)
  5  authentication or permission error (HTTP 401/403)
  6  the job or flow waited for (jobs wait, flows wait, --wait) failed, or the job expired
  7  the job or flow waited for was aborted, or the job was skipped
  8  the wait timed out before the job finished (jobs wait --timeout)
  9  a bulk request was refused for some of its items (tasks review, redo, transition, properties)
`;

/** A mistake in how the command was called (or in the local configuration): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Any failure with a chosen exit code and message (and, for --json, a problem `code`). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof APIError) {
    if (error.status === 404) return EXIT.notFound;
    if (error.status === 401 || error.status === 403) return EXIT.auth;
    return EXIT.api;
  }
  if (error instanceof APIConnectionError) return EXIT.api;
  if (error instanceof APIUserAbortError) return EXIT.unexpected;
  // Other SDK errors come from the server's answer (e.g. invalid JSON): still an API failure.
  if (error instanceof BatchyardError) return EXIT.api;
  return EXIT.unexpected;
}

/**
 * Prints an error on stderr and returns the exit code: `error: <detail> (code, requestId)` and
 * each field error for humans, the problem document as JSON with --json.
 */
export function reportError(error: unknown, ctx: Context): number {
  const code = exitCodeFor(error);
  // Commander has already printed its own message (or the help / version).
  if (error instanceof CommanderError) return code;
  const write = (text: string) => ctx.stderr.write(text + '\n');

  if (ctx.json) {
    write(JSON.stringify(problemOf(error, code), null, 2));
    return code;
  }
  if (error instanceof APIError) {
    const where = [error.code, error.requestId].filter(Boolean).join(', ');
    write(`error: ${cliWording(error)}${where ? ` (${where})` : ''}`);
    for (const field of error.errors) {
      const pointer = field.pointer ? `${field.pointer} ` : '';
      write(`  - ${field.in} ${pointer}${field.message}`);
    }
    const retryAfter = error.headers.get('retry-after');
    if (retryAfter !== null && (error.status === 429 || error.status === 503)) {
      write(`retry after: ${/^\d+$/.test(retryAfter) ? `${retryAfter} s` : retryAfter}`);
    }
    if (error.status === 401) write('hint: check the token (or log in again with `batchyard login`).');
    return code;
  }
  write(`error: ${messageOf(error)}`);
  if (code === EXIT.unexpected && error instanceof Error && error.stack && ctx.env.BATCHYARD_DEBUG) {
    write(error.stack);
  }
  return code;
}

/** The API speaks of query parameters; a CLI user passes flags (`force=true` is `--force`). */
const FORCE_CODES = new Set(['dataset_not_empty', 'project_not_empty', 'workspace_not_empty']);
function cliWording(error: APIError): string {
  return FORCE_CODES.has(error.code ?? '')
    ? error.detail.replace(/\bforce=true\b/g, '--force')
    : error.detail;
}

function problemOf(error: unknown, exitCode: number): Record<string, unknown> {
  if (error instanceof APIError) {
    const retryAfter = error.headers.get('retry-after');
    const extra = retryAfter !== null ? { retryAfter } : {};
    if (error.problem)
      return { ...error.problem, requestId: error.problem.requestId ?? error.requestId, ...extra };
    return {
      status: error.status,
      code: error.code,
      detail: error.detail,
      errors: error.errors,
      requestId: error.requestId,
      ...extra,
    };
  }
  if (error instanceof CliError && error.code) return { code: error.code, detail: messageOf(error) };
  const code =
    error instanceof APIConnectionError
      ? 'connection_error'
      : exitCode === EXIT.usage
        ? 'usage_error'
        : exitCode === EXIT.unexpected
          ? 'unexpected_error'
          : 'cli_error';
  return { code, detail: messageOf(error) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
