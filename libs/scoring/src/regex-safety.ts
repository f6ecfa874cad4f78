import { RE2JS } from 're2js';

/**
 * `matches` patterns (rules and routing) run on data that anyone with a write key controls, so they
 * run on RE2 (re2js: pure JavaScript, linear in the subject, no backtracking whatever the pattern).
 * What RE2 lacks — backreferences, lookahead, lookbehind — is refused when the pattern is validated.
 */
export const MAX_PATTERN_LENGTH = 200;
/** `matches` tests at most this many leading characters of the subject. */
export const MATCHES_SUBJECT_LIMIT = 1024;

/** A compiled pattern: `test` finds it anywhere in the subject's first MATCHES_SUBJECT_LIMIT characters. */
export interface LinearRegex {
  test(subject: string): boolean;
}

export type CompiledPattern = { ok: true; regex: LinearRegex } | { ok: false; message: string };

/** Compiles a `matches` pattern once (per rule set or routing version); a refusal says why. */
export function compileLinearRegex(pattern: string, ignoreCase: boolean): CompiledPattern {
  if (pattern.length === 0) return { ok: false, message: 'must be a non-empty pattern' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, message: `must be at most ${MAX_PATTERN_LENGTH} characters` };
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    return { ok: false, message: refusal(pattern, (error as Error).message) };
  }
  return { ok: true, regex: { test: remembered((subject) => compiled.test(subject.length > MATCHES_SUBJECT_LIMIT ? subject.slice(0, MATCHES_SUBJECT_LIMIT) : subject)) } };
}

/** Short subjects whose answer is remembered, per pattern (bounded: emptied when full). */
const REMEMBERED_SUBJECTS = 512;
const REMEMBERED_LENGTH = 256;

/**
 * RE2 in JavaScript costs about 1–2 µs a test, several times V8's own engine; the subjects of a
 * rule (page URLs, job titles, e-mail domains) repeat a lot, so a pure, bounded memo gives most
 * of that back without changing any answer.
 */
function remembered(test: (subject: string) => boolean): (subject: string) => boolean {
  const answers = new Map<string, boolean>();
  return (subject) => {
    if (subject.length > REMEMBERED_LENGTH) return test(subject);
    const known = answers.get(subject);
    if (known !== undefined) return known;
    const answer = test(subject);
    if (answers.size >= REMEMBERED_SUBJECTS) answers.clear();
    answers.set(subject, answer);
    return answer;
  };
}

/** Null for a pattern `compileLinearRegex` takes, else the message for the pattern's path. */
export function patternProblem(pattern: string, ignoreCase: boolean): string | null {
  const compiled = compileLinearRegex(pattern, ignoreCase);
  return compiled.ok ? null : compiled.message;
}

function refusal(pattern: string, engineMessage: string): string {
  const detail = engineMessage.replace(/^error parsing regexp: /, '');
  if (/\\[1-9]|\\k</.test(pattern)) return `backreferences are not supported (patterns run on a linear-time engine, RE2 syntax): ${detail}`;
  if (/\(\?<?[=!]/.test(pattern)) return `lookahead and lookbehind are not supported (patterns run on a linear-time engine, RE2 syntax): ${detail}`;
  return `does not compile (RE2 syntax): ${detail}`;
}
