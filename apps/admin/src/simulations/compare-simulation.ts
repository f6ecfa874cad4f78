import { type ChangedLead, type LeadSnapshot, type SimulationResult } from '@leadscore/contracts';

const MQL_OR_LATER = new Set(['mql', 'contacted', 'sql', 'opportunity', 'customer']);
const SQL_OR_LATER = new Set(['sql', 'opportunity', 'customer']);
const TOP_MOVERS = 20;

/**
 * Compares the live projections (`before`) with every simulated lead (`after`). A lead changed
 * when its score (to the cent) or its stage differs, or when it has no live projection. A lead
 * crosses MQL (SQL) when it is at or past that stage on one side and not on the other. Leads only
 * in `before` (events stored after the simulation started) are counted before but not compared.
 * Top movers: the 20 largest |Δscore|, ties by leadId.
 */
export function compareSimulation(
  before: ReadonlyMap<string, LeadSnapshot>,
  after: ReadonlyMap<string, LeadSnapshot>,
  ruleTotals: Record<string, number>,
): { result: SimulationResult; changed: ChangedLead[] } {
  const changed: ChangedLead[] = [];
  const crossings = { intoMql: 0, outOfMql: 0, intoSql: 0, outOfSql: 0 };
  for (const [leadId, next] of after) {
    const previous = before.get(leadId) ?? null;
    if (previous !== null && cents(previous.score) === cents(next.score) && previous.stage === next.stage) continue;
    changed.push({ leadId, before: previous, after: next });
    const from = previous?.stage ?? 'new';
    if (!MQL_OR_LATER.has(from) && MQL_OR_LATER.has(next.stage)) crossings.intoMql++;
    if (MQL_OR_LATER.has(from) && !MQL_OR_LATER.has(next.stage)) crossings.outOfMql++;
    if (!SQL_OR_LATER.has(from) && SQL_OR_LATER.has(next.stage)) crossings.intoSql++;
    if (SQL_OR_LATER.has(from) && !SQL_OR_LATER.has(next.stage)) crossings.outOfSql++;
  }
  changed.sort((a, b) => (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0));
  const topMovers = [...changed]
    .sort((a, b) => Math.abs(delta(b)) - Math.abs(delta(a)) || (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0))
    .slice(0, TOP_MOVERS);
  return {
    result: {
      changedLeads: changed.length,
      stageCountsBefore: countStages(before.values()),
      stageCountsAfter: countStages(after.values()),
      crossings,
      topMovers,
      ruleTotals: Object.fromEntries(Object.entries(ruleTotals).map(([ruleId, points]) => [ruleId, cents(points) / 100])),
    },
    changed,
  };
}

function delta(lead: ChangedLead): number {
  return lead.after.score - (lead.before?.score ?? 0);
}

function cents(value: number): number {
  return Math.round(value * 100);
}

function countStages(leads: Iterable<LeadSnapshot>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const lead of leads) counts[lead.stage] = (counts[lead.stage] ?? 0) + 1;
  return counts;
}
