import { formatSimulationDiff, stageRows } from './simulation-diff.format';

const result = {
  changedLeads: 2,
  stageCountsBefore: { new: 3, mql: 1, custom_stage: 1 },
  stageCountsAfter: { new: 2, mql: 1, sql: 1, custom_stage: 1 },
  crossings: { intoMql: 0, outOfMql: 0, intoSql: 1, outOfSql: 0 },
  topMovers: [
    { leadId: 'lead-b', before: { score: 60, stage: 'mql' }, after: { score: 110, stage: 'sql' } },
    { leadId: 'lead-new', before: null, after: { score: 20, stage: 'new' } },
  ],
  ruleTotals: {},
};

describe('simulation diff', () => {
  it('lists every stage of either side in funnel order with the change', () => {
    expect(stageRows(result)).toEqual([
      { stage: 'new', before: 3, after: 2 },
      { stage: 'mql', before: 1, after: 1 },
      { stage: 'sql', before: 0, after: 1 },
      { stage: 'custom_stage', before: 1, after: 1 },
    ]);
  });

  it('renders counts, crossings and top movers as tables', () => {
    const text = formatSimulationDiff(result);
    expect(text).toContain('changed leads: 2');
    expect(text).toContain('into SQL 1');
    expect(text).toMatch(/new\s+3\s+2\s+-1/);
    expect(text).toMatch(/sql\s+0\s+1\s+\+1/);
    expect(text).toMatch(/lead-b\s+60 mql\s+110 sql\s+\+50/);
    expect(text).toMatch(/lead-new\s+\(none\)\s+20 new\s+\+20/);
  });
});
