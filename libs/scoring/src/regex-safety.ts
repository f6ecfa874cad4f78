/**
 * `matches` patterns run on event data that anyone with a write key controls, so a pattern that
 * can backtrack catastrophically is refused when the rule set is validated, and the subject is
 * capped (see MATCHES_SUBJECT_LIMIT). Refused: backreferences, a quantifier inside a repeated
 * group (`(a+)+`, `(.*)*`, `(a?)+`), a repeated alternation that is not a set of distinct plain
 * words (`(a|a)*`, `(\d|x)+`), and more than one unbounded quantifier (`.*a.*b` is cubic).
 */
export const MAX_PATTERN_LENGTH = 200;
/** `matches` tests at most this many leading characters: worst case stays ~n² on a short n. */
export const MATCHES_SUBJECT_LIMIT = 1024;

export function patternProblem(pattern: string, ignoreCase: boolean): string | null {
  if (pattern.length === 0) return 'must be a non-empty pattern';
  if (pattern.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, ignoreCase ? 'i' : '');
  } catch (error) {
    return `does not compile: ${(error as Error).message}`;
  }
  return backtrackingProblem(pattern, ignoreCase);
}

interface Frame {
  start: number;
  bars: number[];
  hasQuantifier: boolean;
}
type Atom = { group: false } | { group: true; hasQuantifier: boolean; alternatives: string[] | null };

const CHAR: Atom = { group: false };

function backtrackingProblem(pattern: string, ignoreCase: boolean): string | null {
  const stack: Frame[] = [{ start: 0, bars: [], hasQuantifier: false }];
  let last: Atom | null = null;
  let unbounded = 0;
  for (let i = 0; i < pattern.length; i++) {
    const top = stack[stack.length - 1];
    const c = pattern[i];
    if (c === '\\') {
      if (isBackreference(pattern, i)) return 'backreferences are not allowed (they can backtrack catastrophically)';
      i++;
      last = CHAR;
    } else if (c === '[') {
      i = endOfClass(pattern, i);
      last = CHAR;
    } else if (c === '(') {
      const skip = groupPrefixLength(pattern, i);
      stack.push({ start: i + 1 + skip, bars: [], hasQuantifier: false });
      i += skip;
      last = null;
    } else if (c === ')') {
      const frame = stack.pop()!;
      stack[stack.length - 1].hasQuantifier ||= frame.hasQuantifier;
      last = { group: true, hasQuantifier: frame.hasQuantifier, alternatives: alternativesOf(pattern, frame, i) };
    } else if (c === '|') {
      top.bars.push(i);
      last = null;
    } else {
      const quantifier = quantifierAt(pattern, i);
      if (!quantifier) {
        last = CHAR;
        continue;
      }
      const problem = quantifierProblem(last, quantifier.repeats, ignoreCase);
      if (problem) return problem;
      top.hasQuantifier = true;
      if (quantifier.unbounded) unbounded++;
      i += quantifier.length - 1 + (pattern[i + quantifier.length] === '?' ? 1 : 0);
      last = null;
    }
  }
  return unbounded > 1
    ? 'at most one unbounded quantifier (*, +, {n,}) is allowed; use bounded repeats like {0,50}, or contains'
    : null;
}

function quantifierProblem(atom: Atom | null, repeats: boolean, ignoreCase: boolean): string | null {
  if (!repeats || atom === null || !atom.group) return null;
  if (atom.hasQuantifier) return 'a quantifier inside a repeated group can backtrack catastrophically, like (a+)+';
  if (atom.alternatives && !distinctPlainWords(atom.alternatives, ignoreCase)) {
    return 'a repeated group may only alternate between distinct plain words, like (pricing|demo)+';
  }
  return null;
}

function isBackreference(pattern: string, i: number): boolean {
  const next = pattern[i + 1] ?? '';
  return (next >= '1' && next <= '9') || (next === 'k' && pattern[i + 2] === '<');
}

function endOfClass(pattern: string, i: number): number {
  let j = i + 1;
  if (pattern[j] === '^') j++;
  while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
  return j;
}

/** Length of `?:`, `?=`, `?!`, `?<=`, `?<!` or `?<name>` after an opening parenthesis. */
function groupPrefixLength(pattern: string, i: number): number {
  if (pattern[i + 1] !== '?') return 0;
  if (pattern[i + 2] !== '<' || pattern[i + 3] === '=' || pattern[i + 3] === '!') {
    return pattern[i + 2] === '<' ? 3 : 2;
  }
  return pattern.indexOf('>', i) - i;
}

function alternativesOf(pattern: string, frame: Frame, end: number): string[] | null {
  if (frame.bars.length === 0) return null;
  const edges = [frame.start - 1, ...frame.bars, end];
  return edges.slice(1).map((edge, k) => pattern.slice(edges[k] + 1, edge));
}

function distinctPlainWords(words: string[], ignoreCase: boolean): boolean {
  const plain = words.map((w) => (ignoreCase ? w.toLowerCase() : w));
  if (plain.some((w) => w === '' || /[\\^$.|?*+()[\]{}]/.test(w))) return false;
  return plain.every((w, k) => plain.every((other, m) => m === k || !other.startsWith(w)));
}

function quantifierAt(pattern: string, i: number): { length: number; repeats: boolean; unbounded: boolean } | null {
  const c = pattern[i];
  if (c === '*' || c === '+') return { length: 1, repeats: true, unbounded: true };
  if (c === '?') return { length: 1, repeats: false, unbounded: false };
  if (c !== '{') return null;
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!braces) return null;
  const max = braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3]);
  return { length: braces[0].length, repeats: max > 1, unbounded: max === Infinity };
}
