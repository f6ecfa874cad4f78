import { toCents } from './cents';
import { compileConditions, type Predicate } from './compile-condition';
import { parseDuration } from './duration';
import { layoutHash } from './layout-hash';
import { type Reason } from './fold-result';
import { type RuleDefinition, type RuleSetDefinition } from './rule-set.definition';

/** One rule, ready for the hot path: amounts in cents, durations in ms, conditions as a closure. */
export interface CompiledRule {
  id: string;
  /** Position in `CompiledRuleSet.ruleIds` (and in a lined-up ledger's `rules`). */
  index: number;
  kind: 'fit' | 'engagement';
  group: string;
  /** Position of the group in `engagementGroups` or `fitGroups`, by kind. */
  groupIndex: number;
  cents: number;
  matches: Predicate;
  /** `perMs` 0 = ever. */
  limit: { count: number; perMs: number } | null;
  expiresAfterMs: number | null;
  halfLifeMs: number | null;
  /** The reason when it counts its full points, and when its limit stops it: frozen, shared by every result. */
  fullReason: Reason;
  limitedReason: Reason;
}

export interface CompiledRuleSet {
  version: number;
  name: string;
  definition: RuleSetDefinition;
  mqlCents: number;
  sqlCents: number;
  sqlMinFitCents: number;
  floorCents: number;
  ceilingCents: number;
  /** Hash of `engagementGroups` and `ruleIds`, stamped on lined-up ledgers. */
  layoutHash: number;
  /** Every rule id, in rule-set order: the `rules` layout of a lined-up ledger. */
  ruleIds: readonly string[];
  /** Limit window length by rule position (0 = no windows to expire: unlimited or `ever`). */
  windowMsByRule: readonly number[];
  /** Engagement group names in order of first use: the `groups` layout of a lined-up ledger. */
  engagementGroups: readonly string[];
  fitGroups: readonly string[];
  /** Caps in cents by group position (Infinity = uncapped). */
  engagementCaps: readonly number[];
  fitCaps: readonly number[];
  /** Engagement rules by event type, in rule-set order: an event only looks at its own type. */
  engagementByType: ReadonlyMap<string, readonly CompiledRule[]>;
  fitRules: readonly CompiledRule[];
  capsCents: ReadonlyMap<string, number>;
  /** Cents of fit for A, B, C; null = every lead is graded D. */
  gradesCents: { A: number; B: number; C: number } | null;
  customerInactiveAfterMs: number | null;
}

/** Once per rule-set version: conditions become closures, regexes are built, types indexed. */
export function compileRuleSet(definition: RuleSetDefinition, version: number): CompiledRuleSet {
  const engagementGroups = groupsOf(definition.rules, 'engagement');
  const fitGroups = groupsOf(definition.rules, 'fit');
  const rules = definition.rules.map((rule, index) =>
    compileRule(rule, index, (rule.kind === 'fit' ? fitGroups : engagementGroups).indexOf(rule.group)),
  );
  const caps = new Map(Object.entries(definition.groupCaps ?? {}).map(([group, cap]) => [group, toCents(cap)]));
  const { thresholds, score, grades, lifecycle } = definition;
  return {
    version,
    name: definition.name,
    definition,
    mqlCents: toCents(thresholds.mql),
    sqlCents: toCents(thresholds.sql),
    sqlMinFitCents: thresholds.sqlMinFit === undefined ? -Infinity : toCents(thresholds.sqlMinFit),
    floorCents: score?.floor === undefined ? -Infinity : toCents(score.floor),
    ceilingCents: score?.ceiling === undefined ? Infinity : toCents(score.ceiling),
    layoutHash: layoutHash(engagementGroups, definition.rules.map((rule) => rule.id)),
    ruleIds: definition.rules.map((rule) => rule.id),
    windowMsByRule: rules.map((rule) => rule.limit?.perMs ?? 0),
    engagementGroups,
    fitGroups,
    engagementCaps: engagementGroups.map((group) => caps.get(group) ?? Infinity),
    fitCaps: fitGroups.map((group) => caps.get(group) ?? Infinity),
    engagementByType: indexByType(rules, definition.rules),
    fitRules: rules.filter((rule) => rule.kind === 'fit'),
    capsCents: caps,
    gradesCents: grades ? { A: toCents(grades.A), B: toCents(grades.B), C: toCents(grades.C) } : null,
    customerInactiveAfterMs: lifecycle?.customerInactiveAfter === undefined ? null : parseDuration(lifecycle.customerInactiveAfter),
  };
}

function groupsOf(rules: readonly RuleDefinition[], kind: RuleDefinition['kind']): string[] {
  return [...new Set(rules.filter((rule) => rule.kind === kind).map((rule) => rule.group))];
}

function compileRule(rule: RuleDefinition, index: number, groupIndex: number): CompiledRule {
  const reason = { ruleId: rule.id, points: rule.points, kind: rule.kind, group: rule.group };
  return {
    id: rule.id,
    index,
    kind: rule.kind,
    group: rule.group,
    groupIndex,
    cents: toCents(rule.points),
    matches: compileConditions(rule.when.where ?? []),
    limit: rule.limit ? { count: rule.limit.count, perMs: rule.limit.per === 'ever' ? 0 : parseDuration(rule.limit.per)! } : null,
    expiresAfterMs: rule.expiresAfter === undefined ? null : parseDuration(rule.expiresAfter),
    halfLifeMs: rule.decay ? parseDuration(rule.decay.halfLife) : null,
    fullReason: Object.freeze(reason),
    limitedReason: Object.freeze({ ...reason, points: 0, limited: true }),
  };
}

function indexByType(rules: CompiledRule[], definitions: readonly RuleDefinition[]): Map<string, CompiledRule[]> {
  const index = new Map<string, CompiledRule[]>();
  for (const rule of rules) {
    if (rule.kind !== 'engagement') continue;
    const type = definitions[rule.index].when.type ?? [];
    for (const t of typeof type === 'string' ? [type] : new Set(type)) {
      const list = index.get(t);
      if (list) list.push(rule);
      else index.set(t, [rule]);
    }
  }
  return index;
}
