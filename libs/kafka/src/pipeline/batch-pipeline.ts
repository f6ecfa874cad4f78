import { type BatchStep } from './step-result';

/** A step's result, a drop or dead letter with the name of the step that decided it. */
export type Verdict = { kind: 'ok'; value: unknown } | { kind: 'drop' | 'dlq'; reason: string; step: string };

/** Told how long each stage took (ms); a transaction's own steps come as `transaction/step`. */
export type StageTimer = (stage: string, ms: number) => void;

/** One stage of a pipeline: a step, or a transaction of steps. */
export interface Stage {
  readonly name: string;
  /** Stands or falls as one write: when the store refuses it for its data, it is split to find the messages at fault. */
  readonly isolated: boolean;
  run(values: unknown[], timer?: StageTimer): Promise<Verdict[]>;
}

/** Runs `work` in one transaction: resolves once committed, rejects (rolled back) otherwise. */
export type TransactionRunner<Tx> = <R>(work: (tx: Tx) => Promise<R>) => Promise<R>;

/**
 * The named steps a handler runs on a batch, in order, typed from the message to the last value:
 * `BatchPipeline.of<ConsumedMessage>().pipe(parse).pipe(dedupe).inTransaction('store-events', …)`.
 * Immutable: each call returns a longer pipeline.
 */
export class BatchPipeline<In, Out> {
  private constructor(readonly stages: readonly Stage[]) {}

  static of<T>(): BatchPipeline<T, T> {
    return new BatchPipeline<T, T>([]);
  }

  pipe<Next>(step: BatchStep<Out, Next>): BatchPipeline<In, Next> {
    return this.then(stepStage(step, false));
  }

  /** A step that writes in a transaction of its own: isolated like `inTransaction`. */
  pipeWrite<Next>(step: BatchStep<Out, Next>): BatchPipeline<In, Next> {
    return this.then(stepStage(step, true));
  }

  /**
   * The steps of `steps(tx)` in one transaction of `begin`: all of them commit, or none. When the
   * store refuses the transaction for its data, it is run again on halves of the values until the
   * refused messages stand alone; those are dead-lettered as step `name`.
   */
  inTransaction<Tx, Next>(name: string, begin: TransactionRunner<Tx>, steps: (tx: Tx) => BatchPipeline<Out, Next>): BatchPipeline<In, Next> {
    return this.then({
      name,
      isolated: true,
      run: (values, timer) => begin((tx) => runStages(steps(tx).stages, values, undefined, timer && ((step, ms) => timer(`${name}/${step}`, ms)))),
    });
  }

  private then<Next>(stage: Stage): BatchPipeline<In, Next> {
    return new BatchPipeline<In, Next>([...this.stages, stage]);
  }
}

function stepStage<In, Out>(step: BatchStep<In, Out>, isolated: boolean): Stage {
  return {
    name: step.name,
    isolated,
    run: async (values) => {
      const results = await step.run(values as In[]);
      if (results.length !== values.length) throw new Error(`step ${step.name} returned ${results.length} results for ${values.length} values`);
      return results.map((result) => (result.kind === 'ok' ? result : { ...result, step: step.name }));
    },
  };
}

/** How a stage that must stand or fall as one is split when the store refuses it (the transport's isolate hook). */
export type Isolate = <T, R>(items: T[], process: (items: T[]) => Promise<R>) => Promise<{ results: R[]; refused: Array<{ item: T; reason: string }> }>;

/**
 * Runs the stages over the values: each stage gets the values still `ok`, in order. Returns one
 * verdict per value. With `isolate`, isolated stages are split on refusal; without, they run whole.
 * `timer` is told each stage's time (a split stage's: all its attempts).
 */
export async function runStages(stages: readonly Stage[], values: unknown[], isolate?: Isolate, timer?: StageTimer): Promise<Verdict[]> {
  const verdicts: Verdict[] = values.map((value) => ({ kind: 'ok', value }));
  let live = verdicts.map((_, index) => index);
  for (const stage of stages) {
    if (live.length === 0) break;
    const input = live.map((index) => valueOf(verdicts[index]));
    const started = performance.now();
    const output = stage.isolated && isolate ? await runIsolated(stage, input, isolate, timer) : await stage.run(input, timer);
    timer?.(stage.name, performance.now() - started);
    live.forEach((index, position) => {
      verdicts[index] = output[position];
    });
    live = live.filter((index) => verdicts[index].kind === 'ok');
  }
  return verdicts;
}

function valueOf(verdict: Verdict): unknown {
  if (verdict.kind !== 'ok') throw new Error('only ok values go on to the next stage');
  return verdict.value;
}

async function runIsolated(stage: Stage, values: unknown[], isolate: Isolate, timer?: StageTimer): Promise<Verdict[]> {
  const verdicts = new Array<Verdict>(values.length);
  const positions = values.map((_, index) => index);
  const outcome = await isolate(positions, async (slice) => {
    const output = await stage.run(slice.map((index) => values[index]), timer);
    return slice.map((index, position) => [index, output[position]] as const);
  });
  for (const pairs of outcome.results) for (const [index, verdict] of pairs) verdicts[index] = verdict;
  for (const { item, reason } of outcome.refused) verdicts[item] = { kind: 'dlq', reason, step: stage.name };
  return verdicts;
}
