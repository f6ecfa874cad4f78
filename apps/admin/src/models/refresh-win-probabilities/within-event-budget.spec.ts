import { withinEventBudget } from './refresh-win-probabilities';

const lead = (leadId: string, eventCount: number) => ({ leadId, lastSeq: '1', eventCount });

describe('withinEventBudget', () => {
  it('groups consecutive leads whose histories add up to the budget at most', () => {
    const groups = withinEventBudget([lead('a', 40), lead('b', 60), lead('c', 30), lead('d', 80)], 100);
    expect(groups.map((group) => group.map((l) => l.leadId))).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it('reads a lead longer than the budget alone, the leads around it together', () => {
    const groups = withinEventBudget([lead('a', 1), lead('huge', 1_000_000), lead('b', 1), lead('c', 1)], 100);
    expect(groups.map((group) => group.map((l) => l.leadId))).toEqual([['a'], ['huge'], ['b', 'c']]);
  });

  it('gives no group for no lead', () => {
    expect(withinEventBudget([], 100)).toEqual([]);
  });
});
