import { isolateRefused } from './isolate-refused';

/** A fake store: refuses any call holding a poison item (as one transaction would), records the rest. */
function fakeStore(poison: Set<number>) {
  const stored: number[] = [];
  const calls: number[][] = [];
  return {
    stored,
    calls,
    process: async (items: number[]) => {
      calls.push(items);
      const bad = items.find((item) => poison.has(item));
      if (bad !== undefined) throw Object.assign(new Error(`item ${bad} refused`), { code: '23514' });
      stored.push(...items);
      return items.length;
    },
    refusal: (error: unknown) => ((error as { code?: string }).code === '23514' ? (error as Error).message : null),
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('isolateRefused', () => {
  it('stores a batch without poison in one call', async () => {
    const store = fakeStore(new Set());
    const outcome = await isolateRefused({ items: range(10), process: store.process, refusal: store.refusal });
    expect(outcome).toEqual({ results: [10], refused: [] });
    expect(store.calls).toHaveLength(1);
  });

  it('given one refused item among 100, refuses it alone with its error and stores the 99 others once, in order', async () => {
    const store = fakeStore(new Set([37]));
    const outcome = await isolateRefused({ items: range(100), process: store.process, refusal: store.refusal });
    expect(outcome.refused).toEqual([{ item: 37, reason: 'item 37 refused' }]);
    expect(store.stored).toEqual(range(100).filter((item) => item !== 37));
    expect(outcome.results.reduce((sum, count) => sum + count, 0)).toBe(99);
    expect(store.calls.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(100)));
  });

  it('given several refused items, including the first and the last, isolates each one', async () => {
    const store = fakeStore(new Set([0, 5, 6, 19]));
    const outcome = await isolateRefused({ items: range(20), process: store.process, refusal: store.refusal });
    expect(outcome.refused.map((refused) => refused.item)).toEqual([0, 5, 6, 19]);
    expect(store.stored).toEqual(range(20).filter((item) => ![0, 5, 6, 19].includes(item)));
  });

  it('refuses a lone item that the database refuses', async () => {
    const store = fakeStore(new Set([7]));
    const outcome = await isolateRefused({ items: [7], process: store.process, refusal: store.refusal });
    expect(outcome).toEqual({ results: [], refused: [{ item: 7, reason: 'item 7 refused' }] });
  });

  it('throws a transient error as is, refusing nothing', async () => {
    const transient = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const calls: number[][] = [];
    const process = async (items: number[]) => {
      calls.push(items);
      throw transient;
    };
    await expect(isolateRefused({ items: range(8), process, refusal: () => null })).rejects.toBe(transient);
    expect(calls).toEqual([range(8)]);
  });

  it('throws a transient error met while splitting, after storing the halves before it', async () => {
    const stored: number[] = [];
    const process = async (items: number[]) => {
      if (items.includes(2)) throw Object.assign(new Error('refused'), { code: '23514' });
      if (items.includes(6)) throw Object.assign(new Error('connection lost'), { code: '57P01' });
      stored.push(...items);
      return items.length;
    };
    const refusal = (error: unknown) => ((error as { code?: string }).code === '23514' ? 'refused' : null);
    await expect(isolateRefused({ items: range(8), process, refusal })).rejects.toThrow('connection lost');
    expect(stored).toEqual([0, 1, 3]);
  });

  it('does nothing for no items', async () => {
    const store = fakeStore(new Set());
    expect(await isolateRefused({ items: [], process: store.process, refusal: store.refusal })).toEqual({ results: [], refused: [] });
    expect(store.calls).toEqual([]);
  });
});
