import { insightsReport, monthsOverlapping, type SourceAggregate } from './insights-report';

const window = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1), source: null };
const empty = { bySource: [], stages: new Map<string, number>(), buckets: new Map<number, number>() };
const agg = (source: string | null, fields: Partial<SourceAggregate>): SourceAggregate => ({
  source, leads: 0, mql: 0, sql: 0, opportunity: 0, customers: 0, revenueCents: 0, medianDaysToMql: null, medianDaysToCustomer: null, ...fields,
});

describe('insightsReport', () => {
  it('given an empty window, then zeros and nulls, never NaN', () => {
    const answer = insightsReport(window, empty, new Map(), null);
    expect(answer.leads).toBe(0);
    expect(answer.funnel).toEqual([
      { stage: 'new', reached: 0, conversionFromPrevious: null }, { stage: 'mql', reached: 0, conversionFromPrevious: null },
      { stage: 'sql', reached: 0, conversionFromPrevious: null }, { stage: 'opportunity', reached: 0, conversionFromPrevious: null },
      { stage: 'customer', reached: 0, conversionFromPrevious: null },
    ]);
    expect(answer.bySource).toEqual([]);
    expect(Object.values(answer.stageCounts).every((n) => n === 0)).toBe(true);
    expect(answer.scoreHistogram).toHaveLength(12);
    expect(JSON.stringify(answer)).not.toMatch(/NaN|Infinity/);
  });

  it('given a source with costs and no lead, then it shows, all cost: roi -1, per-lead costs null', () => {
    const answer = insightsReport(window, empty, new Map([['ads', 50_000]]), 'EUR');
    expect(answer.bySource).toEqual([{
      source: 'ads', leads: 0, mql: 0, sql: 0, customers: 0, mqlToSqlRate: null, leadToCustomerRate: null, medianDaysToMql: null,
      medianDaysToCustomer: null, cost: 500, costPerLead: null, costPerCustomer: null, revenue: 0, roi: -1,
    }]);
  });

  it('given sources with and without costs, then rates, cents and roi; no-source leads last; a source filter keeps cost-only sources out', () => {
    const cohort = { ...empty, bySource: [agg(null, { leads: 1 }), agg('seo', { leads: 3, mql: 3, sql: 1, customers: 1, revenueCents: 100_050 }), agg('ads', { leads: 4, mql: 2, sql: 2, opportunity: 2, customers: 1, revenueCents: 30_000 })] };
    const answer = insightsReport({ ...window, source: null }, cohort, new Map([['ads', 100_000], ['tv', 1]]), 'EUR');
    expect(answer.bySource.map((s) => s.source)).toEqual(['ads', 'seo', 'tv', null]);
    expect(answer.bySource[0]).toMatchObject({ mqlToSqlRate: 1, leadToCustomerRate: 0.25, cost: 1000, costPerLead: 250, costPerCustomer: 1000, revenue: 300, roi: -0.7 });
    expect(answer.bySource[1]).toMatchObject({ mqlToSqlRate: 1 / 3, cost: null, costPerLead: null, roi: null, revenue: 1000.5 });
    expect(answer.funnel.map((f) => [f.reached, f.conversionFromPrevious])).toEqual([[8, null], [5, 5 / 8], [3, 3 / 5], [2, 2 / 3], [2, 1]]);
    expect(insightsReport({ ...window, source: 'ads' }, cohort, new Map([['ads', 1], ['tv', 1]]), 'EUR').bySource.map((s) => s.source)).toEqual(['ads', 'seo', null]);
  });

  it('given windows, then the months whose costs they overlap (to is exclusive)', () => {
    expect(monthsOverlapping({ from: Date.UTC(2026, 0, 15), to: Date.UTC(2026, 2, 1) })).toEqual({ first: '2026-01-01', last: '2026-02-01' });
    expect(monthsOverlapping({ from: Date.UTC(2026, 10, 30, 23), to: Date.UTC(2026, 11, 1, 0, 0, 0, 1) })).toEqual({ first: '2026-11-01', last: '2026-12-01' });
  });
});
