import { type LineEvent } from './json-lines';
import { planBatches } from './plan-batches';

const events = (count: number, size = 10): LineEvent[] =>
  Array.from({ length: count }, (_unused, index) => ({ line: index + 1, event: { leadId: 'l', type: 'x', pad: 'p'.repeat(size) } }));

describe('planBatches', () => {
  it('cuts 1201 events into batches of 500, 500 and 201, in order', () => {
    const batches = planBatches(events(1201));
    expect(batches.map((batch) => batch.length)).toEqual([500, 500, 201]);
    expect(batches[1][0].line).toBe(501);
  });

  it('starts a new batch before the byte limit is passed', () => {
    const batches = planBatches(events(10, 1000), { maxBytes: 3500 });
    expect(batches.map((batch) => batch.length)).toEqual([3, 3, 3, 1]);
  });

  it('sends an event over the byte limit alone', () => {
    const big = events(3, 5000);
    expect(planBatches(big, { maxBytes: 1000 }).map((batch) => batch.length)).toEqual([1, 1, 1]);
  });

  it('plans nothing for no events', () => {
    expect(planBatches([])).toEqual([]);
  });
});
