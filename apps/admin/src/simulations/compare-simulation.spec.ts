import { type LeadSnapshot } from '@leadscore/contracts';
import { compareSimulation } from './compare-simulation';

const leads = (entries: Array<[string, number, string]>) =>
  new Map<string, LeadSnapshot>(entries.map(([leadId, score, stage]) => [leadId, { score, stage }]));

describe('compareSimulation', () => {
  it.each([
    // given live, when simulated, then changed lead ids
    { name: 'identical leads', before: [['a', 10, 'new']], after: [['a', 10, 'new']], changed: [] },
    { name: 'a score differing under a cent', before: [['a', 10.001, 'new']], after: [['a', 10, 'new']], changed: [] },
    { name: 'a different score', before: [['a', 10, 'new']], after: [['a', 12, 'new']], changed: ['a'] },
    { name: 'a different stage at the same score', before: [['a', 60, 'mql']], after: [['a', 60, 'contacted']], changed: ['a'] },
    { name: 'a lead with no live projection', before: [], after: [['a', 0, 'new']], changed: ['a'] },
    { name: 'a live lead the simulation never saw', before: [['z', 5, 'new']], after: [], changed: [] },
  ] as Array<{ name: string; before: Array<[string, number, string]>; after: Array<[string, number, string]>; changed: string[] }>)(
    'given $name, then changed = $changed', ({ before, after, changed }) => {
      const out = compareSimulation(leads(before), leads(after), {});
      expect(out.changed.map((lead) => lead.leadId)).toEqual(changed);
      expect(out.result.changedLeads).toBe(changed.length);
    },
  );

  it.each([
    // from stage, to stage, then crossings
    { from: 'new', to: 'mql', crossings: { intoMql: 1, outOfMql: 0, intoSql: 0, outOfSql: 0 } },
    { from: 'mql', to: 'new', crossings: { intoMql: 0, outOfMql: 1, intoSql: 0, outOfSql: 0 } },
    { from: 'new', to: 'sql', crossings: { intoMql: 1, outOfMql: 0, intoSql: 1, outOfSql: 0 } },
    { from: 'sql', to: 'contacted', crossings: { intoMql: 0, outOfMql: 0, intoSql: 0, outOfSql: 1 } },
    { from: 'customer', to: 'nurture', crossings: { intoMql: 0, outOfMql: 1, intoSql: 0, outOfSql: 1 } },
    { from: 'contacted', to: 'mql', crossings: { intoMql: 0, outOfMql: 0, intoSql: 0, outOfSql: 0 } },
  ])('given $from → $to, then the crossings are counted', ({ from, to, crossings }) => {
    const out = compareSimulation(leads([['a', 1, from]]), leads([['a', 2, to]]), {});
    expect(out.result.crossings).toEqual(crossings);
  });

  it('counts stages on each side and rounds rule totals to the cent', () => {
    const out = compareSimulation(
      leads([['a', 60, 'mql'], ['b', 0, 'new'], ['c', 0, 'new']]),
      leads([['a', 40, 'new'], ['b', 0, 'new']]),
      { 'email-open': 12.004, careers: -30 },
    );
    expect(out.result.stageCountsBefore).toEqual({ mql: 1, new: 2 });
    expect(out.result.stageCountsAfter).toEqual({ new: 2 });
    expect(out.result.ruleTotals).toEqual({ 'email-open': 12, careers: -30 });
  });

  it('lists the top 20 movers by |Δscore|, ties by leadId, and pages changed leads in leadId order', () => {
    const before = leads(Array.from({ length: 30 }, (_, i) => [`lead-${String(i).padStart(2, '0')}`, 50, 'new'] as [string, number, string]));
    const after = leads([...before].map(([leadId], i) => [leadId, i % 2 === 0 ? 50 + i : 50 - i, 'new'] as [string, number, string]));
    const out = compareSimulation(before, after, {});
    expect(out.changed[0].leadId).toBe('lead-01');
    expect(out.result.topMovers).toHaveLength(20);
    expect(out.result.topMovers[0]).toEqual({ leadId: 'lead-29', before: { score: 50, stage: 'new' }, after: { score: 21, stage: 'new' } });
    expect(out.result.topMovers.map((m) => Math.abs(m.after.score - 50))).toEqual([29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10]);
  });
});
