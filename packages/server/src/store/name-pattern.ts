import { RE2JS } from 're2js';

/**
 * The dialect of task name patterns (`nameRegex`): RE2 syntax, restricted to what PostgreSQL's
 * regex engine reads the same way, so a pattern selects the same tasks on both stores. RE2 runs in
 * time linear in the name (no backtracking): the embedded store evaluates patterns with re2js, and
 * refusing what RE2 refuses (backreferences, lookaround) keeps PostgreSQL off its backtracking
 * paths too. docs/tasks.md describes the dialect for users.
 */

/**
 * The largest compiled pattern accepted. RE2's cost per character depends on the program: about
 * 30 ns for `^(.*){6}!$` (29 instructions) and up to 1.5 µs for the worst shapes near 500, measured
 * with re2js. Linear either way; on SQLite the regexp function's time budget bounds the rest.
 */
export const MAX_PATTERN_PROGRAM = 500;
/** PostgreSQL refuses repetition counts above 255 (RE2 allows 1,000). */
const MAX_REPEAT = 255;

/**
 * A query stopped because a caller's pattern made it too slow: the embedded store's time budget
 * per burst of matching, or PostgreSQL's statement timeout. `code` is what a job that meets it
 * records as its error code.
 */
export class FilterTooExpensiveError extends Error {
  readonly code = 'filter_too_expensive';
  constructor(message: string) {
    super(message);
    this.name = 'FilterTooExpensiveError';
  }
}

/** The database refused a name pattern that passed the checks here (a fallback: it should not happen). */
export class InvalidNamePatternError extends Error {
  readonly code = 'validation_failed';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidNamePatternError';
  }
}

/** Escapes both engines read alike: classes, \A, control characters, escaped punctuation. */
const PORTABLE_ESCAPES = new Set(['d', 'D', 's', 'S', 'w', 'W', 'A', 'n', 't', 'r', 'f']);
const PUNCTUATION = /^[^A-Za-z0-9]$/;
const REPEAT = /^\{(\d+)(,(\d*))?\}/;

/** Why `pattern` is not a name pattern, in a sentence; undefined when it is one. */
export function namePatternProblem(pattern: string): string | undefined {
  let compiled: RE2JS;
  try {
    compiled = compileNamePattern(pattern);
  } catch (error) {
    return `not a valid pattern (RE2 syntax; backreferences and lookaround are not supported): ${(error as Error).message}`;
  }
  const portable = portabilityProblem(pattern);
  if (portable) return portable;
  if (compiled.programSize() > MAX_PATTERN_PROGRAM) {
    return `too complex (${compiled.programSize()} instructions compiled; at most ${MAX_PATTERN_PROGRAM}): use smaller repetition counts or fewer alternatives`;
  }
  return undefined;
}

/** The compiled pattern as the embedded store runs it: `.` matches a newline, as on PostgreSQL. */
export function compileNamePattern(pattern: string): RE2JS {
  return RE2JS.compile(pattern, RE2JS.DOTALL);
}

/** Constructs RE2 accepts that PostgreSQL refuses or reads otherwise. */
function portabilityProblem(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!PORTABLE_ESCAPES.has(next) && !PUNCTUATION.test(next)) {
        return `\\${next} is not supported (escapes: \\d \\D \\s \\S \\w \\W \\A \\n \\t \\r \\f, or a backslash before punctuation)`;
      }
      i++;
    } else if (inClass) {
      if (c === '[' && (pattern[i + 1] === '.' || pattern[i + 1] === '=')) {
        return `"[${pattern[i + 1]}" inside a bracket expression is not supported`;
      }
      if (c === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end > 0) i = end + 1;
      } else if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      // A `]` first in the class (after an optional `^`) is a literal.
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (c === '(' && pattern[i + 1] === '?') {
      if (pattern[i + 2] === ':') continue;
      if (i === 0 && pattern.startsWith('(?i)')) {
        i += 3;
        continue;
      }
      return 'of the "(?" forms only "(?:" (a group without capture) and a leading "(?i)" (ignore case) are supported';
    } else if (c === '{') {
      const repeat = REPEAT.exec(pattern.slice(i));
      if (!repeat) return 'a "{" that does not start a repetition count must be written "\\{"';
      const counts = [repeat[1], repeat[3]].filter((n) => n !== undefined && n !== '').map(Number);
      if (counts.some((n) => n > MAX_REPEAT)) return `repetition counts go up to ${MAX_REPEAT}`;
      i += repeat[0].length - 1;
    }
  }
  return undefined;
}
