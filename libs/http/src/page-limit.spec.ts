import { parsePageLimit } from './page-limit';

describe('parsePageLimit', () => {
  it.each([
    [undefined, 100],
    ['', 100],
    ['1', 1],
    ['500', 500],
    ['0042', 42],
  ])('reads %j as %i', (value, limit) => {
    expect(parsePageLimit(value, 100)).toBe(limit);
  });

  it.each(['0', '501', '10000', '-1', '2.5', '1e2', ' 5', 'ten', ['1', '2']])('refuses %j on limit', (value) => {
    expect(parsePageLimit(value, 100)).toEqual({ path: 'limit', message: 'limit must be an integer from 1 to 500' });
  });
});
