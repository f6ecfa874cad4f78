import { foldBatch, initialLeadState, type ScoringEvent } from '@leadscore/scoring';
import { parseRuleSet, compileRuleSet } from '@leadscore/scoring';
import { SimulatedLeads } from './simulated-leads';

const parsed = parseRuleSet(`
name: t
thresholds: { mql: 10, sql: 100 }
rules:
  - { id: whitepaper, when: { type: whitepaper_download }, points: 8 }
  - { id: careers, when: { type: page_visit, where: [{ field: properties.url, op: contains, value: /careers }] }, points: -3 }
`, 'yaml');
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const ruleSet = compileRuleSet(parsed.definition, 3);

const at = (minute: number, leadId: string, type: string, url?: string): ScoringEvent => ({
  eventId: `${leadId}-${minute}`, leadId, type, occurredAt: Date.UTC(2026, 0, 5, 0, minute), source: null,
  properties: url ? { url } : {}, traits: null, producer: 'public',
});

// Given the store lead by lead: a has three events, b two, c one.
const byLead = [
  at(1, 'a', 'whitepaper_download'), at(4, 'a', 'page_visit', '/careers'), at(6, 'a', 'whitepaper_download'),
  at(2, 'b', 'page_visit', '/careers'), at(5, 'b', 'page_visit', '/pricing'),
  at(3, 'c', 'whitepaper_download'),
];

const expected = (leadId: string) => {
  const { state } = foldBatch(initialLeadState(leadId), byLead.filter((e) => e.leadId === leadId), ruleSet);
  return { score: state.score, stage: state.stage };
};

describe('SimulatedLeads', () => {
  it.each([
    { name: 'one batch', cuts: [6] },
    { name: 'a lead split across batches', cuts: [2, 6] },
    { name: 'one event a batch', cuts: [1, 2, 3, 4, 5, 6] },
  ])('given $name, then every lead ends as its whole history folded at once', ({ cuts }) => {
    const simulated = new SimulatedLeads(ruleSet);
    cuts.forEach((cut, i) => simulated.add(byLead.slice(i === 0 ? 0 : cuts[i - 1], cut)));
    expect(Object.fromEntries(simulated.finish())).toEqual({ a: expected('a'), b: expected('b'), c: expected('c') });
    expect(simulated.ruleTotals).toEqual({ whitepaper: 24, careers: -6 });
  });

  it('refuses a lead whose events come back after another lead', () => {
    const simulated = new SimulatedLeads(ruleSet);
    simulated.add([byLead[0], byLead[3]]);
    expect(() => simulated.add([byLead[1]])).toThrow(/not together/);
  });
});
