import { formatInsights, percent } from './insights.format';

describe('insights tables', () => {
  it('writes rates as percentages and an undefined rate as -', () => {
    expect([percent(0.5), percent(0.1234), percent(0), percent(null)]).toEqual(['50.0%', '12.3%', '0.0%', '-']);
  });

  it('renders the funnel and the sources with their conversion and cost', () => {
    const text = formatInsights({
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      leads: 10,
      funnel: [{ stage: 'new', reached: 10, conversionFromPrevious: null }, { stage: 'mql', reached: 4, conversionFromPrevious: 0.4 }],
      bySource: [{ source: 'salon-2026', leads: 10, mql: 4, sql: 2, customers: 1, mqlToSqlRate: 0.5, leadToCustomerRate: 0.1, costPerLead: 120, roi: null }],
    });
    expect(text).toContain('leads first seen in [2026-11-01T00:00:00Z, 2026-12-01T00:00:00Z): 10');
    expect(text).toMatch(/mql\s+4\s+40\.0%/);
    expect(text).toMatch(/salon-2026\s+10\s+4\s+2\s+1\s+50\.0%\s+10\.0%\s+120\.00\s+-/);
  });
});
