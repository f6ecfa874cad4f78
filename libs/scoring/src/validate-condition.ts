import { patternProblem } from './regex-safety';
import {
  CONDITION_OPS,
  type ConditionDefinition,
  type ConditionOp,
  type RuleKind,
  type Scalar,
} from './rule-set.definition';
import { type Issues, pathOf, readSection } from './validation-issues';

const CONDITION_KEYS = ['field', 'op', 'value', 'ignoreCase'] as const;
const STRING_OPS: readonly ConditionOp[] = ['eq', 'neq', 'in', 'contains', 'matches'];
const MAX_IN_VALUES = 1000;
const FIELD = /^(type|source|lead\.daysInactive|(properties|traits)(\.[^.]+)+)$/;

export function validateCondition(input: unknown, path: string, kind: RuleKind, issues: Issues): ConditionDefinition | null {
  const object = readSection(input, path, issues, CONDITION_KEYS);
  if (!object) return null;
  const field = readField(object.field, pathOf(path, 'field'), kind, issues);
  const op = readOp(object.op, pathOf(path, 'op'), issues);
  const ignoreCase = readIgnoreCase(object, op, path, issues);
  if (op === undefined) return null;
  const value = readValue(op, object, pathOf(path, 'value'), ignoreCase === true, issues);
  if (field === undefined || value === INVALID) return null;
  const condition: ConditionDefinition = { field, op };
  if (value !== undefined) condition.value = value;
  if (ignoreCase !== undefined) condition.ignoreCase = ignoreCase;
  return condition;
}

function readField(value: unknown, path: string, kind: RuleKind, issues: Issues): string | undefined {
  if (typeof value !== 'string' || !FIELD.test(value)) {
    issues.add(path, 'must be type, source, properties.<key>, traits.<key> or lead.daysInactive');
    return undefined;
  }
  if (kind === 'fit' && !value.startsWith('traits.')) {
    issues.add(path, 'fit rules see only the lead\'s merged traits: use traits.<key>');
    return undefined;
  }
  return value;
}

function readOp(value: unknown, path: string, issues: Issues): ConditionOp | undefined {
  if (CONDITION_OPS.includes(value as ConditionOp)) return value as ConditionOp;
  issues.add(path, `must be one of ${CONDITION_OPS.join(', ')}`);
  return undefined;
}

function readIgnoreCase(object: Record<string, unknown>, op: ConditionOp | undefined, path: string, issues: Issues): boolean | undefined {
  const value = object.ignoreCase;
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') issues.add(pathOf(path, 'ignoreCase'), 'must be true or false');
  else if (op !== undefined && !STRING_OPS.includes(op)) {
    issues.add(pathOf(path, 'ignoreCase'), `only applies to ${STRING_OPS.join(', ')}`);
  } else return value;
  return undefined;
}

const INVALID = Symbol('invalid');
type ValueResult = Scalar | Scalar[] | undefined | typeof INVALID;

function readValue(op: ConditionOp, object: Record<string, unknown>, path: string, ignoreCase: boolean, issues: Issues): ValueResult {
  const value = object.value;
  const problem = valueProblem(op, value, ignoreCase);
  if (problem === null) return value as Scalar | Scalar[] | undefined;
  issues.add(path, problem);
  return INVALID;
}

function valueProblem(op: ConditionOp, value: unknown, ignoreCase: boolean): string | null {
  switch (op) {
    case 'eq':
    case 'neq':
      return isScalar(value) ? null : 'must be a string, number, boolean or null';
    case 'in':
      return Array.isArray(value) && value.length > 0 && value.length <= MAX_IN_VALUES && value.every(isScalar)
        ? null
        : `must be a list of 1 to ${MAX_IN_VALUES} strings, numbers, booleans or nulls`;
    case 'contains':
      return isScalar(value) && value !== null ? null : 'must be a string, number or boolean';
    case 'matches':
      return typeof value === 'string' ? patternProblem(value, ignoreCase) : 'must be a regular expression, as a string';
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'exists':
      return value === undefined || typeof value === 'boolean' ? null : 'must be true or false (default true)';
  }
}

function isScalar(value: unknown): value is Scalar {
  if (typeof value === 'number') return Number.isFinite(value);
  return value === null || typeof value === 'string' || typeof value === 'boolean';
}
