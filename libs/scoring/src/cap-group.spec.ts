import { countedUnderCap } from './cap-group';

describe('countedUnderCap', () => {
  it.each([
    ['everything, uncapped', 500, 300, Infinity, 300],
    ['everything, below the cap', 500, 300, 1000, 300],
    ['exactly the points, whatever the fraction held', 123.456789, 100, 1000, 100],
    ['what fits under the cap', 800, 300, 1000, 200],
    ['nothing once the cap is reached', 1000, 300, 1000, 0],
    ['a negative amount in full below the cap', 500, -200, 1000, -200],
    ['a negative amount only where it takes the group below the cap', 1200, -400, 1000, -200],
    ['nothing for a negative amount above the cap', 1600, -400, 1000, 0],
  ])('counts %s', (_case, before, cents, cap, counted) => {
    expect(countedUnderCap(before, cents, cap)).toBe(counted);
  });
});
