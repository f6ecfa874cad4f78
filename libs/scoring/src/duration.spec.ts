import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['1d', 86_400_000],
    ['30d', 30 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['15m', 15 * 60_000],
    ['999999d', 999_999 * 86_400_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([['0d'], ['1w'], ['1.5d'], ['d'], ['-1d'], [' 1d'], ['1D'], ['1000000d'], ['ever'], [30], [null]])(
    'refuses %p',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );
});
