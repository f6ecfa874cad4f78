import { parseAsOf } from './as-of.param';

describe('parseAsOf', () => {
  it.each([
    ['2026-03-01T12:00:00Z', Date.UTC(2026, 2, 1, 12)],
    ['2026-03-01T12:00:00.250Z', Date.UTC(2026, 2, 1, 12, 0, 0, 250)],
    ['2026-03-01T14:00:00+02:00', Date.UTC(2026, 2, 1, 12)],
    ['2026-03-01T12:00Z', Date.UTC(2026, 2, 1, 12)],
    ['2026-03-01', Date.UTC(2026, 2, 1)],
  ])('reads %s', (value, at) => {
    expect(parseAsOf(value)).toBe(at);
  });

  it.each(['', 'now', '2026-03-01T12:00:00', '2026-02-30T00:00:00Z', '1709294400000', ['2026-03-01', '2026-03-02']])('refuses %j on asOf', (value) => {
    expect(() => parseAsOf(value)).toThrow(/^asOf: /);
  });
});
