import { type CompiledRuleSet } from './compile-rule-set';
import { type Ledger } from './lead-state';

/**
 * Lines the ledger's layouts up with the rule set's, so the hot path reads by position. Already
 * lined up (the usual case): two short prefix checks. Otherwise (a new lead, a new rule version)
 * the arrays are rebuilt by name: groups and rule totals that still hold points are kept after the
 * rule set's own, and windows of rules that no longer exist are dropped.
 */
export function alignLedger(ledger: Ledger, ruleSet: CompiledRuleSet): void {
  if (startsWith(ledger.groups, ruleSet.engagementGroups) && startsWith(ledger.rules, ruleSet.ruleIds)) return;
  alignGroups(ledger, ruleSet.engagementGroups);
  alignRules(ledger, ruleSet.ruleIds);
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
  ledger.decaying = remapEvery(ledger.decaying, 4, 0, moved);
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
  ledger.windows = sortTriples(windows);
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

function sortTriples(flat: number[]): number[] {
  const triples: number[][] = [];
  for (let k = 0; k < flat.length; k += 3) triples.push(flat.slice(k, k + 3));
  triples.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return triples.flat();
}
