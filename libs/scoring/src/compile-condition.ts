import { type LeadState } from './lead-state';
import { compileLinearRegex } from './regex-safety';
import { compileFieldReader } from './read-field';
import { type ConditionDefinition, type Scalar } from './rule-set.definition';
import { type ScoringEvent } from './scoring-event';

export type Predicate = (event: ScoringEvent, lead: LeadState) => boolean;
type Test = (actual: unknown) => boolean;

/** A validated condition → a closure; values are prepared (lower-cased, Set, RE2 pattern) once, here. */
export function compileCondition(condition: ConditionDefinition): Predicate {
  const read = compileFieldReader(condition.field);
  const test = compileTest(condition);
  return (event, lead) => test(read(event, lead));
}

/** Every condition must hold; no conditions always holds. */
export function compileConditions(conditions: readonly ConditionDefinition[]): Predicate {
  const predicates = conditions.map(compileCondition);
  if (predicates.length === 0) return () => true;
  if (predicates.length === 1) return predicates[0];
  return (event, lead) => {
    for (const predicate of predicates) if (!predicate(event, lead)) return false;
    return true;
  };
}

function compileTest({ op, value, ignoreCase = false }: ConditionDefinition): Test {
  switch (op) {
    case 'eq':
      return equals(value as Scalar, ignoreCase);
    case 'neq': {
      const eq = equals(value as Scalar, ignoreCase);
      return (actual) => !eq(actual);
    }
    case 'in':
      return memberOf(value as Scalar[], ignoreCase);
    case 'contains':
      return contains(value as Scalar, ignoreCase);
    case 'matches':
      return matches(value as string, ignoreCase);
    case 'gt':
      return numeric((n) => n > (value as number));
    case 'gte':
      return numeric((n) => n >= (value as number));
    case 'lt':
      return numeric((n) => n < (value as number));
    case 'lte':
      return numeric((n) => n <= (value as number));
    case 'exists':
      return value === false ? (actual) => actual === undefined || actual === null : (actual) => actual !== undefined && actual !== null;
  }
}

function equals(expected: Scalar, ignoreCase: boolean): Test {
  if (!ignoreCase || typeof expected !== 'string') return (actual) => actual === expected;
  const lower = expected.toLowerCase();
  return (actual) => typeof actual === 'string' && actual.toLowerCase() === lower;
}

function memberOf(values: Scalar[], ignoreCase: boolean): Test {
  const set = new Set<unknown>(values.map((v) => (ignoreCase && typeof v === 'string' ? v.toLowerCase() : v)));
  if (!ignoreCase) return (actual) => set.has(actual);
  return (actual) => set.has(typeof actual === 'string' ? actual.toLowerCase() : actual);
}

/** A substring of a string, or an element of a list. */
function contains(expected: Scalar, ignoreCase: boolean): Test {
  const needle = ignoreCase && typeof expected === 'string' ? expected.toLowerCase() : expected;
  const text = String(needle);
  // A case-insensitive regex of the escaped text: no lower-cased copy of the subject per event.
  const pattern = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  const inText = ignoreCase ? (actual: string) => pattern.test(actual) : (actual: string) => actual.includes(text);
  return (actual) => {
    if (typeof actual === 'string') return inText(actual);
    if (!Array.isArray(actual)) return false;
    return actual.some((item) => (ignoreCase && typeof item === 'string' ? item.toLowerCase() : item) === needle);
  };
}

/** Linear time whatever the subject (RE2); a pattern refused at validation (a rule set stored before RE2) never holds. */
function matches(pattern: string, ignoreCase: boolean): Test {
  const compiled = compileLinearRegex(pattern, ignoreCase);
  if (!compiled.ok) return () => false;
  const { regex } = compiled;
  return (actual) => typeof actual === 'string' && regex.test(actual);
}

/** Numbers, and strings that are numbers ("500"): traits often arrive as text. */
function numeric(compare: (n: number) => boolean): Test {
  return (actual) => {
    if (typeof actual === 'number') return compare(actual);
    if (typeof actual !== 'string' || actual.trim() === '') return false;
    const n = Number(actual);
    return Number.isFinite(n) && compare(n);
  };
}
