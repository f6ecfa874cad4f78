import { parseDuration } from './duration';
import { type ConditionDefinition, type RuleDefinition, type RuleKind } from './rule-set.definition';
import { validateCondition } from './validate-condition';
import {
  type Issues,
  pathOf,
  readAmount,
  readDuration,
  readLabel,
  readSection,
  readText,
} from './validation-issues';

const RULE_KEYS = ['id', 'description', 'kind', 'when', 'points', 'limit', 'expiresAfter', 'decay', 'group'] as const;
const EVENT_TYPE = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_CONDITIONS = 20;
const FIT_ONLY_ON_IDENTIFY = 'fit rules score the lead\'s traits on identify events: leave type out or use "identify"';
const NOT_ON_FIT = 'not allowed on fit rules: fit points are recomputed from the traits on every identify';

/** One rule, with `kind` and `group` defaulted; null when it has errors (they are in `issues`). */
export function validateRule(input: unknown, path: string, issues: Issues): RuleDefinition | null {
  const object = readSection(input, path, issues, RULE_KEYS);
  if (!object) return null;
  const before = issues.errors.length;
  const kind = readKind(object.kind, pathOf(path, 'kind'), issues);
  const rule: RuleDefinition = {
    id: readLabel(object.id, pathOf(path, 'id'), issues) ?? '',
    kind,
    when: readWhen(object.when, pathOf(path, 'when'), kind, issues),
    points: readAmount(object.points, pathOf(path, 'points'), issues, { min: -1e6, max: 1e6 }) ?? 0,
    group: object.group === undefined ? kind : (readLabel(object.group, pathOf(path, 'group'), issues) ?? kind),
  };
  if (object.description !== undefined) rule.description = readText(object.description, pathOf(path, 'description'), issues, 500);
  readTiming(object, rule, path, issues);
  return issues.errors.length === before ? rule : null;
}

function readKind(value: unknown, path: string, issues: Issues): RuleKind {
  if (value === undefined || value === 'engagement' || value === 'fit') return value ?? 'engagement';
  issues.add(path, 'must be engagement or fit');
  return 'engagement';
}

function readWhen(value: unknown, path: string, kind: RuleKind, issues: Issues): RuleDefinition['when'] {
  if (value === undefined && kind === 'fit') return {};
  const object = readSection(value, path, issues, ['type', 'where']);
  if (!object) return {};
  const when: RuleDefinition['when'] = {};
  const type = readTypes(object.type, pathOf(path, 'type'), kind, issues);
  if (type !== undefined) when.type = type;
  if (object.where !== undefined) when.where = readWhere(object.where, pathOf(path, 'where'), kind, issues);
  return when;
}

function readTypes(value: unknown, path: string, kind: RuleKind, issues: Issues): string | string[] | undefined {
  if (kind === 'fit') {
    if (value !== undefined && value !== 'identify' && !(Array.isArray(value) && value.every((t) => t === 'identify'))) {
      issues.add(path, FIT_ONLY_ON_IDENTIFY);
    }
    return value === undefined ? undefined : 'identify';
  }
  const types = Array.isArray(value) ? value : [value];
  if (types.length > 0 && types.every((t) => typeof t === 'string' && EVENT_TYPE.test(t))) return value as string | string[];
  issues.add(path, 'must be an event type ([a-z][a-z0-9_]*, at most 64 characters) or a non-empty list of them');
  return undefined;
}

function readWhere(value: unknown, path: string, kind: RuleKind, issues: Issues): ConditionDefinition[] {
  if (!Array.isArray(value) || value.length > MAX_CONDITIONS) {
    issues.add(path, `must be a list of at most ${MAX_CONDITIONS} conditions`);
    return [];
  }
  return value.flatMap((item, i) => validateCondition(item, pathOf(path, i), kind, issues) ?? []);
}

function readTiming(object: Record<string, unknown>, rule: RuleDefinition, path: string, issues: Issues): void {
  for (const key of ['limit', 'expiresAfter', 'decay'] as const) {
    if (rule.kind === 'fit' && object[key] !== undefined) issues.add(pathOf(path, key), NOT_ON_FIT);
  }
  if (rule.kind === 'fit') return;
  if (object.limit !== undefined) rule.limit = readLimit(object.limit, pathOf(path, 'limit'), issues);
  if (object.expiresAfter !== undefined) rule.expiresAfter = readDuration(object.expiresAfter, pathOf(path, 'expiresAfter'), issues);
  if (object.decay !== undefined) {
    const decay = readSection(object.decay, pathOf(path, 'decay'), issues, ['halfLife']);
    const halfLife = decay && readDuration(decay.halfLife, pathOf(path, 'decay.halfLife'), issues);
    if (halfLife) rule.decay = { halfLife };
    if (object.expiresAfter !== undefined) {
      issues.add(pathOf(path, 'decay'), 'cannot be combined with expiresAfter: points either expire or decay');
    }
  }
}

function readLimit(value: unknown, path: string, issues: Issues): RuleDefinition['limit'] {
  const object = readSection(value, path, issues, ['count', 'per']);
  if (!object) return undefined;
  const count = readAmount(object.count, pathOf(path, 'count'), issues, { integer: true, min: 1, max: 1e6 });
  const per = object.per === 'ever' || parseDuration(object.per) !== null ? (object.per as string) : undefined;
  if (per === undefined) issues.add(pathOf(path, 'per'), 'must be a duration (1d, 12h, 15m) or ever');
  return count !== undefined && per !== undefined ? { count, per } : undefined;
}
