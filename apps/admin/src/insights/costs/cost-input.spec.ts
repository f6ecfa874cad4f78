import { parseCostInput } from './cost-input';

describe('parseCostInput', () => {
  it('given a month, an amount and a currency, then the cost of that month', () => {
    expect(parseCostInput('ads', { month: '2026-11', amount: 1200.5, currency: 'EUR' })).toEqual({ ok: true, cost: { source: 'ads', month: '2026-11-01', amount: 1200.5, currency: 'EUR' } });
  });

  it.each([
    ['ads', { month: '2026-13', amount: 1, currency: 'EUR' }, ['month']],
    ['ads', { month: '2026-1', amount: 1, currency: 'EUR' }, ['month']],
    ['ads', { month: '2026-01', amount: -1, currency: 'EUR' }, ['amount']],
    ['ads', { month: '2026-01', amount: 1.005, currency: 'EUR' }, ['amount']],
    ['ads', { month: '2026-01', amount: '1', currency: 'eur' }, ['amount', 'currency']],
    ['ads', { month: '2026-01', amount: 1, currency: 'EUR', note: 'x' }, ['note']],
    ['', { month: '2026-01', amount: 1, currency: 'EUR' }, ['source']],
    ['a\nb', { month: '2026-01', amount: 1, currency: 'EUR' }, ['source']],
    ['ads', [1], ['']],
  ])('given source %j and %j, then errors on %j', (source, body, paths) => {
    const parsed = parseCostInput(source, body);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(paths);
  });
});
