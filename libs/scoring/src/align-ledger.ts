import { type CompiledRuleSet } from './compile-rule-set';
import { type Ledger } from './lead-state';

/**
 * Lines the ledger's layouts up with the rule set's, so the hot path reads by position. Already
 * lined up (the usual case): its layout hash says so. Otherwise (a new lead, a new rule version)
 * the arrays are rebuilt by name: groups and rule totals that still hold points are kept after the
 * rule set's own, and windows of rules that no longer exist are dropped.
 */
export function alignLedger(ledger: Ledger, ruleSet: CompiledRuleSet): void {
  if (ledger.layout !== ruleSet.layoutHash) {
    if (!startsWith(ledger.groups, ruleSet.engagementGroups) || !startsWith(ledger.rules, ruleSet.ruleIds)) {
      alignGroups(ledger, ruleSet.engagementGroups);
      alignRules(ledger, ruleSet.ruleIds);
    }
    ledger.layout = ruleSet.layoutHash;
  }
  shareLayouts(ledger, ruleSet);
}

/**
 * A layout equal to the rule set's becomes the rule set's own array (layouts are replaced, never
 * mutated): the leads a worker keeps in memory then hold one copy of the names between them, not
 * one each (a state read back from the store brings its own).
 */
function shareLayouts(ledger: Ledger, ruleSet: CompiledRuleSet): void {
  if (ledger.groups !== ruleSet.engagementGroups && sameNames(ledger.groups, ruleSet.engagementGroups)) ledger.groups = ruleSet.engagementGroups as string[];
  if (ledger.rules !== ruleSet.ruleIds && sameNames(ledger.rules, ruleSet.ruleIds)) ledger.rules = ruleSet.ruleIds as string[];
}

function sameNames(layout: readonly string[], names: readonly string[]): boolean {
  return layout.length === names.length && startsWith(layout, names);
}

function startsWith(layout: readonly string[], prefix: readonly string[]): boolean {
  if (layout.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (layout[i] !== prefix[i]) return false;
  return true;
}

function alignGroups(ledger: Ledger, groups: readonly string[]): void {
  const holding = new Set<number>();
  ledger.live.forEach((cents, g) => {
    if (cents !== 0) holding.add(g);
  });
  for (let k = 0; k < ledger.decaying.length; k += 4) holding.add(ledger.decaying[k]);
  for (let k = 0; k < ledger.expiring.length; k += 3) holding.add(ledger.expiring[k + 1]);
  const layout = [...groups, ...ledger.groups.filter((name, g) => holding.has(g) && !groups.includes(name))];
  const moved = ledger.groups.map((name) => layout.indexOf(name));
  const live = layout.map(() => 0);
  ledger.live.forEach((cents, g) => {
    if (moved[g] >= 0) live[moved[g]] += cents;
  });
  ledger.decaying = sortRecords(remapEvery(ledger.decaying, 4, 0, moved), 4, [1, 0]);
  ledger.expiring = remapEvery(ledger.expiring, 3, 1, moved);
  ledger.groups = layout;
  ledger.live = live;
}

function alignRules(ledger: Ledger, ruleIds: readonly string[]): void {
  const layout = [...ruleIds, ...ledger.rules.filter((id, r) => (ledger.totals[r] ?? 0) !== 0 && !ruleIds.includes(id))];
  const moved = ledger.rules.map((id) => layout.indexOf(id));
  const totals = layout.map(() => 0);
  const fit = layout.map(() => 0);
  ledger.rules.forEach((_, r) => {
    if (moved[r] < 0) return;
    totals[moved[r]] = ledger.totals[r] ?? 0;
    fit[moved[r]] = ledger.fit[r] ?? 0;
  });
  const windows = remapEvery(ledger.windows, 3, 0, moved.map((to) => (to < ruleIds.length ? to : -1)));
  ledger.windows = sortRecords(windows, 3, [0, 1]);
  ledger.rules = layout;
  ledger.totals = totals;
  ledger.fit = fit;
}

/** Rewrites the index at `offset` of every record of `size`; records whose index maps to -1 go. */
function remapEvery(records: readonly number[], size: number, offset: number, moved: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < records.length; k += size) {
    const to = moved[records[k + offset]] ?? -1;
    if (to < 0) continue;
    const record = records.slice(k, k + size);
    record[offset] = to;
    out.push(...record);
  }
  return out;
}

/** Sorts flat records of `size` numbers by the fields at `keys` (decaying by half-life then group, windows by rule then start). */
function sortRecords(flat: number[], size: number, keys: readonly number[]): number[] {
  const records: number[][] = [];
  for (let k = 0; k < flat.length; k += size) records.push(flat.slice(k, k + size));
  records.sort((a, b) => keys.reduce((order, key) => order || a[key] - b[key], 0));
  return records.flat();
}
