import { nextPageSize } from './history-page-size';

const sizing = { min: 500, max: 5000, targetMs: 1000 };

describe('nextPageSize', () => {
  it.each([
    // current, stored copies, in ms, next
    [2000, 2000, 1000, 2000], // stored at the target pace: unchanged
    [2000, 2000, 2000, 1500], // half as fast: half-way to 1000
    [2000, 2000, 500, 3000], // twice as fast: half-way to 4000
    [2000, 2000, 100, 5000], // far faster: at most the maximum
    [600, 100, 1000, 500], // far slower: at least the minimum
    [2000, 0, 700, 2000], // nothing observed: unchanged
    [2000, 2000, 0, 2000],
  ])('goes from %i after %i copies stored in %i ms to %i', (current, storedCopies, elapsedMs, next) => {
    expect(nextPageSize(current, { storedCopies, elapsedMs }, sizing)).toBe(next);
  });
});
