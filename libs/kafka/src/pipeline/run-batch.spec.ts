import { type ConsumedBatch, type ConsumedMessage } from '../consumed-message';
import { type DeadLetter } from '../dead-letter-publisher';
import { BatchPipeline, type Isolate } from './batch-pipeline';
import { type BatchPorts, runBatch } from './run-batch';
import { type BatchStep, dlq, drop, ok } from './step-result';

const message = (text: string, offset: number): ConsumedMessage => ({
  key: Buffer.from(`key-${offset}`), value: Buffer.from(text), headers: { trace: Buffer.from(`t-${offset}`) }, offset: String(offset), timestamp: '0',
});
const batchOf = (...texts: string[]): ConsumedBatch => ({ topic: 'in', partition: 3, messages: texts.map(message) });

/** The ports as plain records: what was dead-lettered, and every call in order. */
function fakePorts(overrides: Partial<BatchPorts> = {}) {
  const calls: string[] = [];
  const letters: DeadLetter[] = [];
  const ports: BatchPorts = {
    deadLetter: async (sent) => {
      calls.push(`dead-letter ${sent.length}`);
      letters.push(...sent);
    },
    commit: async () => void calls.push('commit'),
    ...overrides,
  };
  return { ports, calls, letters };
}

const parseNumber: BatchStep<ConsumedMessage, number> = {
  name: 'parse',
  run: (messages) => messages.map((m) => (/^\d+$/.test(String(m.value)) ? ok(Number(m.value)) : dlq(`not a number: ${String(m.value)}`))),
};
const dropOdd: BatchStep<number, number> = { name: 'drop-odd', run: (values) => values.map((n) => (n % 2 === 1 ? drop('odd') : ok(n))) };
const recordingStep = (seen: number[][]): BatchStep<number, number> => ({ name: 'record', run: (values) => (seen.push(values), values.map(ok)) });

/** A store that refuses (as PostgreSQL would, for its data) any transaction holding a 13. */
class FakeStore {
  committed: number[] = [];
  attempts = 0;
  async inTransaction<R>(work: (tx: number[]) => Promise<R>): Promise<R> {
    this.attempts++;
    const draft: number[] = [];
    const result = await work(draft);
    if (draft.includes(13)) throw Object.assign(new Error('refused: 13'), { refused: true });
    this.committed.push(...draft);
    return result;
  }
}
const writeStep = (tx: number[]): BatchStep<number, number> => ({ name: 'write', run: (values) => (tx.push(...values), values.map(ok)) });
const refusedFor = (error: unknown): string | null => ((error as { refused?: boolean }).refused ? (error as Error).message : null);
/** Whole first; when refused for its data, each item alone (the real hook halves, this is enough to test the runner). */
const isolateOneByOne: Isolate = async <T, R>(items: T[], process: (items: T[]) => Promise<R>) => {
  try {
    return { results: [await process(items)], refused: [] };
  } catch (error) {
    if (refusedFor(error) === null) throw error;
  }
  const outcome: { results: R[]; refused: Array<{ item: T; reason: string }> } = { results: [], refused: [] };
  for (const item of items) {
    try {
      outcome.results.push(await process([item]));
    } catch (error) {
      const reason = refusedFor(error);
      if (reason === null) throw error;
      outcome.refused.push({ item, reason });
    }
  }
  return outcome;
};

describe('runBatch (the batch transport\'s step runner)', () => {
  it('runs the steps in order, each over the values still ok, and reports what passed, what was dropped and what was dead-lettered', async () => {
    const seen: number[][] = [];
    const { ports } = fakePorts();
    const report = await runBatch(batchOf('2', 'x', '3', '4'), { steps: BatchPipeline.of<ConsumedMessage>().pipe(parseNumber).pipe(dropOdd).pipe(recordingStep(seen)) }, ports);
    expect(seen).toEqual([[2, 4]]);
    expect(report.values).toEqual([2, 4]);
    expect(report.dropped.map((d) => [d.message.offset, d.step, d.reason])).toEqual([['2', 'drop-odd', 'odd']]);
    expect(report.deadLettered.map((d) => [d.message.offset, d.step, d.reason])).toEqual([['1', 'parse', 'not a number: x']]);
  });

  it('dead-letters with the original key, bytes and headers, then commits, then tells the plan', async () => {
    const { ports, calls, letters } = fakePorts();
    await runBatch(batchOf('x', '2'), { steps: BatchPipeline.of<ConsumedMessage>().pipe(parseNumber), committed: () => calls.push('committed') }, ports);
    expect(calls).toEqual(['dead-letter 1', 'commit', 'committed']);
    expect(letters).toEqual([{
      key: Buffer.from('key-0'), value: Buffer.from('x'), headers: { trace: Buffer.from('t-0') }, reason: 'not a number: x', step: 'parse',
      sourceTopic: 'in', partition: 3, offset: '0',
    }]);
  });

  it('sends no dead letter when none is due, and still commits a batch whose messages were all dropped', async () => {
    const { ports, calls } = fakePorts();
    const report = await runBatch(batchOf('1', '3'), { steps: BatchPipeline.of<ConsumedMessage>().pipe(parseNumber).pipe(dropOdd) }, ports);
    expect(report.values).toEqual([]);
    expect(calls).toEqual(['commit']);
  });

  it('commits nothing when a step throws: the error reaches the consumer, which fetches the batch again', async () => {
    const failing: BatchStep<number, number> = { name: 'publish', run: () => Promise.reject(new Error('broker down')) };
    const committed = jest.fn();
    const { ports, calls } = fakePorts();
    await expect(runBatch(batchOf('x', '2'), { steps: BatchPipeline.of<ConsumedMessage>().pipe(parseNumber).pipe(failing), committed }, ports)).rejects.toThrow('broker down');
    expect(calls).toEqual([]);
    expect(committed).not.toHaveBeenCalled();
  });

  it('commits nothing when the dead letters are not acknowledged', async () => {
    const { ports, calls } = fakePorts({ deadLetter: () => Promise.reject(new Error('DLQ down')) });
    await expect(runBatch(batchOf('x'), { steps: BatchPipeline.of<ConsumedMessage>().pipe(parseNumber) }, ports)).rejects.toThrow('DLQ down');
    expect(calls).toEqual([]);
  });

  it('refuses a step that does not answer one result per value', async () => {
    const short: BatchStep<number, number> = { name: 'short', run: (values) => values.slice(1).map(ok) };
    const { ports, calls } = fakePorts();
    await expect(runBatch(batchOf('1', '2'), { steps: BatchPipeline.of<ConsumedMessage>().pipe(parseNumber).pipe(short) }, ports)).rejects.toThrow('step short returned 1 results for 2 values');
    expect(calls).toEqual([]);
  });

  it('runs a transaction\'s steps together and commits the offsets only after the transaction committed', async () => {
    const store = new FakeStore();
    const { ports, calls } = fakePorts({ commit: async () => void calls.push(`commit after ${store.committed.join(',')}`) });
    const steps = BatchPipeline.of<ConsumedMessage>().pipe(parseNumber).inTransaction('store', (work) => store.inTransaction(work), (tx: number[]) => BatchPipeline.of<number>().pipe(dropOdd).pipe(writeStep(tx)));
    const report = await runBatch(batchOf('2', '5', '4'), { steps }, { ...ports, isolate: isolateOneByOne });
    expect(calls).toEqual(['commit after 2,4']);
    expect(report.dropped.map((d) => d.step)).toEqual(['drop-odd']);
    expect(store.attempts).toBe(1);
  });

  it('isolates a transaction the store refuses: the refused message is dead-lettered as the transaction, its batch-mates are stored, the offsets committed', async () => {
    const store = new FakeStore();
    const { ports, calls, letters } = fakePorts();
    const steps = BatchPipeline.of<ConsumedMessage>().pipe(parseNumber).inTransaction('store', (work) => store.inTransaction(work), (tx: number[]) => BatchPipeline.of<number>().pipe(writeStep(tx)));
    const report = await runBatch(batchOf('2', '13', '4'), { steps }, { ...ports, isolate: isolateOneByOne });
    expect(store.committed).toEqual([2, 4]);
    expect(report.values).toEqual([2, 4]);
    expect(letters.map((letter) => [letter.offset, letter.step, letter.reason, String(letter.value)])).toEqual([['1', 'store', 'refused: 13', '13']]);
    expect(calls).toEqual(['dead-letter 1', 'commit']);
  });

  it('without an isolate hook, a refused transaction fails the batch like any error', async () => {
    const store = new FakeStore();
    const { ports, calls } = fakePorts();
    const steps = BatchPipeline.of<ConsumedMessage>().pipe(parseNumber).inTransaction('store', (work) => store.inTransaction(work), (tx: number[]) => BatchPipeline.of<number>().pipe(writeStep(tx)));
    await expect(runBatch(batchOf('2', '13'), { steps }, ports)).rejects.toThrow('refused: 13');
    expect({ committed: store.committed, calls }).toEqual({ committed: [], calls: [] });
  });

  it('isolates a step that writes on its own (pipeWrite) the same way', async () => {
    const store = new FakeStore();
    const { ports, letters } = fakePorts();
    const ownWrite: BatchStep<number, number> = { name: 'create', run: (values) => store.inTransaction(async (tx) => (tx.push(...values), values.map(ok))) };
    const report = await runBatch(batchOf('13', '8'), { steps: BatchPipeline.of<ConsumedMessage>().pipe(parseNumber).pipeWrite(ownWrite) }, { ...ports, isolate: isolateOneByOne });
    expect(report.values).toEqual([8]);
    expect(letters.map((letter) => [letter.offset, letter.step])).toEqual([['0', 'create']]);
  });

  it('tells the timer each step\'s time, a transaction\'s own steps as transaction/step, then dead-letter and commit, in that order', async () => {
    const store = new FakeStore();
    const timed: Array<[string, number]> = [];
    const { ports } = fakePorts({ timer: (stage, ms) => timed.push([stage, ms]) });
    const steps = BatchPipeline.of<ConsumedMessage>().pipe(parseNumber).inTransaction('store', (work) => store.inTransaction(work), (tx: number[]) => BatchPipeline.of<number>().pipe(dropOdd).pipe(writeStep(tx)));
    await runBatch(batchOf('2', 'x', '3'), { steps }, ports);
    expect(timed.map(([stage]) => stage)).toEqual(['parse', 'store/drop-odd', 'store/write', 'store', 'dead-letter', 'commit']);
    expect(timed.every(([, ms]) => ms >= 0)).toBe(true);
  });

  it('times a refused transaction over all its attempts, as one figure per step name', async () => {
    const store = new FakeStore();
    const timed: string[] = [];
    const { ports } = fakePorts({ timer: (stage) => timed.push(stage) });
    const steps = BatchPipeline.of<ConsumedMessage>().pipe(parseNumber).inTransaction('store', (work) => store.inTransaction(work), (tx: number[]) => BatchPipeline.of<number>().pipe(writeStep(tx)));
    await runBatch(batchOf('2', '13'), { steps }, { ...ports, isolate: isolateOneByOne });
    // The whole, then each alone: the inner step three times, the transaction once (the runner's own figure).
    expect(timed).toEqual(['parse', 'store/write', 'store/write', 'store/write', 'store', 'dead-letter', 'commit']);
  });
});
