import { type RuleDefinition, type RuleKind } from './rule-set.definition';
import { validateRule } from './validate-rule';
import { type Issues, isRecord, pathOf, readAmount, readLabel } from './validation-issues';

const MAX_RULES = 500;

/** Every rule, then the checks across rules: unique ids, one kind per group. */
export function validateRuleList(value: unknown, issues: Issues): RuleDefinition[] {
  if (!Array.isArray(value) || value.length > MAX_RULES) {
    issues.add('rules', `must be a list of at most ${MAX_RULES} rules`);
    return [];
  }
  const rules = value.map((item, i) => validateRule(item, pathOf('rules', i), issues));
  checkUniqueIds(value, issues);
  checkGroupKinds(rules, issues);
  return rules.filter((rule): rule is RuleDefinition => rule !== null);
}

function checkUniqueIds(items: unknown[], issues: Issues): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const id = isRecord(item) ? item.id : undefined;
    if (typeof id !== 'string') return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, i);
    else issues.add(`rules.${i}.id`, `duplicate id "${id}" (also rules.${first})`);
  });
}

function checkGroupKinds(rules: Array<RuleDefinition | null>, issues: Issues): void {
  const owner = new Map<string, { kind: RuleKind; index: number }>();
  rules.forEach((rule, i) => {
    if (!rule) return;
    const first = owner.get(rule.group);
    if (!first) owner.set(rule.group, { kind: rule.kind, index: i });
    else if (first.kind !== rule.kind) {
      issues.add(`rules.${i}.group`, `group "${rule.group}" holds ${first.kind} rules (rules.${first.index}); a group holds one kind`);
    }
  });
}

/**
 * `groupCaps`: each names a group some rule is in, and caps it at an amount ≥ 0. Groups are read
 * from the raw rules, so a rule with an error elsewhere does not make its group's cap an error too.
 */
export function validateGroupCaps(value: unknown, rawRules: unknown, issues: Issues): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    issues.add('groupCaps', 'must be an object of group: most points');
    return undefined;
  }
  const groups = new Set((Array.isArray(rawRules) ? rawRules : []).filter(isRecord).map((rule) => rule.group ?? rule.kind ?? 'engagement'));
  const caps: Record<string, number> = {};
  for (const [group, cap] of Object.entries(value)) {
    const path = pathOf('groupCaps', group);
    if (readLabel(group, path, issues) === undefined) continue;
    if (!groups.has(group)) issues.add(path, `no rule is in group "${group}"`);
    const amount = readAmount(cap, path, issues, { min: 0 });
    if (amount !== undefined) caps[group] = amount;
  }
  return caps;
}
