import { type ParseResult, type RuleSetDefinition } from './rule-set.definition';
import { validateGroupCaps, validateRuleList } from './validate-rule-list';
import { Issues, readAmount, readDuration, readSection, readText } from './validation-issues';

const ROOT_KEYS = ['name', 'description', 'thresholds', 'score', 'rules', 'groupCaps', 'grades', 'lifecycle'] as const;

/** The checks of `parseRuleSet` on an already-parsed object: every error by path, all at once. */
export function validateRuleSet(input: unknown): ParseResult {
  const issues = new Issues();
  const root = readSection(input, '', issues, ROOT_KEYS);
  if (!root) return { ok: false, errors: issues.errors };
  const definition: RuleSetDefinition = {
    name: readText(root.name, 'name', issues, 100) ?? '',
    thresholds: readThresholds(root.thresholds, issues),
    rules: validateRuleList(root.rules, issues),
  };
  if (root.description !== undefined) definition.description = readText(root.description, 'description', issues, 2000);
  if (root.score !== undefined) definition.score = readScoreBounds(root.score, issues);
  const caps = validateGroupCaps(root.groupCaps, root.rules, issues);
  if (caps) definition.groupCaps = caps;
  if (root.grades !== undefined) definition.grades = readGrades(root.grades, issues);
  if (root.lifecycle !== undefined) definition.lifecycle = readLifecycle(root.lifecycle, issues);
  checkReachable(definition, issues);
  return issues.errors.length === 0 ? { ok: true, definition } : { ok: false, errors: issues.errors };
}

function readThresholds(value: unknown, issues: Issues): RuleSetDefinition['thresholds'] {
  const object = readSection(value, 'thresholds', issues, ['mql', 'sql', 'sqlMinFit']);
  if (!object) return { mql: 0, sql: 0 };
  const mql = readAmount(object.mql, 'thresholds.mql', issues);
  const sql = readAmount(object.sql, 'thresholds.sql', issues);
  if (mql !== undefined && sql !== undefined && sql < mql) issues.add('thresholds.sql', `must be ≥ thresholds.mql (${mql})`);
  const thresholds: RuleSetDefinition['thresholds'] = { mql: mql ?? 0, sql: sql ?? 0 };
  if (object.sqlMinFit !== undefined) thresholds.sqlMinFit = readAmount(object.sqlMinFit, 'thresholds.sqlMinFit', issues);
  return thresholds;
}

function readScoreBounds(value: unknown, issues: Issues): RuleSetDefinition['score'] {
  const object = readSection(value, 'score', issues, ['floor', 'ceiling']);
  if (!object) return {};
  const bounds: RuleSetDefinition['score'] = {};
  if (object.floor !== undefined) bounds.floor = readAmount(object.floor, 'score.floor', issues);
  if (object.ceiling !== undefined) bounds.ceiling = readAmount(object.ceiling, 'score.ceiling', issues);
  if (bounds.floor !== undefined && bounds.ceiling !== undefined && bounds.floor > bounds.ceiling) {
    issues.add('score.floor', `must be ≤ score.ceiling (${bounds.ceiling})`);
  }
  return bounds;
}

function readGrades(value: unknown, issues: Issues): RuleSetDefinition['grades'] {
  const object = readSection(value, 'grades', issues, ['A', 'B', 'C']);
  if (!object) return undefined;
  const [a, b, c] = (['A', 'B', 'C'] as const).map((letter) => readAmount(object[letter], `grades.${letter}`, issues));
  if (a !== undefined && b !== undefined && b > a) issues.add('grades.B', `must be ≤ grades.A (${a})`);
  if (b !== undefined && c !== undefined && c > b) issues.add('grades.C', `must be ≤ grades.B (${b})`);
  return { A: a ?? 0, B: b ?? 0, C: c ?? 0 };
}

function readLifecycle(value: unknown, issues: Issues): RuleSetDefinition['lifecycle'] {
  const object = readSection(value, 'lifecycle', issues, ['customerInactiveAfter']);
  if (!object || object.customerInactiveAfter === undefined) return {};
  return { customerInactiveAfter: readDuration(object.customerInactiveAfter, 'lifecycle.customerInactiveAfter', issues) };
}

/** A threshold above the ceiling could never be reached: almost certainly a mistake. */
function checkReachable(definition: RuleSetDefinition, issues: Issues): void {
  const ceiling = definition.score?.ceiling;
  if (ceiling === undefined) return;
  for (const key of ['mql', 'sql'] as const) {
    if (definition.thresholds[key] > ceiling) {
      issues.add(`thresholds.${key}`, `is above score.ceiling (${ceiling}): no lead could reach it`);
    }
  }
}
