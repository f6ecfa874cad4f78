import { type ConsumedBatch, type ConsumedMessage } from '../consumed-message';
import { type DeadLetter, deadLetterOf } from '../dead-letter-publisher';
import { type BatchPipeline, type Isolate, runStages, type StageTimer } from './batch-pipeline';

/** What a handler answers for a batch: the steps to run, and what to do once it is committed. */
export interface BatchPlan<Out> {
  steps: BatchPipeline<ConsumedMessage, Out>;
  /** Told once the batch's offsets are committed (metrics, wake-ups); never for a batch that failed. */
  committed?: (report: BatchReport<Out>) => void;
}

/** A message a step dropped or dead-lettered, and why. */
export interface Decision {
  message: ConsumedMessage;
  step: string;
  reason: string;
}

export interface BatchReport<Out> {
  /** What passed every step, in offset order. */
  values: Out[];
  dropped: Decision[];
  deadLettered: Decision[];
}

/** What the runner needs of the consumer it runs in. */
export interface BatchPorts {
  /** Splits a refused transaction to find the messages at fault; absent: a refusal is an error like any other. */
  isolate?: Isolate;
  /** Sends dead letters (original bytes, key, headers; reason and step) and resolves once they are acknowledged. */
  deadLetter(letters: DeadLetter[]): Promise<void>;
  /** Commits the batch's offsets (past its last message) and heartbeats. */
  commit(): Promise<void>;
  /** Told each step's time (ms), then `dead-letter` (when any) and `commit`. */
  timer?: StageTimer;
}

/**
 * One batch, start to end: the plan's steps in order (each over the values still `ok`), then the
 * dead letters (acknowledged), then the offsets, then `committed`. Any step or send that throws
 * stops it before the commit: the client fetches the batch again, and the steps' own dedupe
 * (eventId, unique promotion) keeps what an earlier attempt stored from being stored twice.
 */
export async function runBatch<Out>(batch: ConsumedBatch, plan: BatchPlan<Out>, ports: BatchPorts): Promise<BatchReport<Out>> {
  const { timer } = ports;
  const verdicts = await runStages(plan.steps.stages, batch.messages, ports.isolate, timer);
  const report: BatchReport<Out> = { values: [], dropped: [], deadLettered: [] };
  verdicts.forEach((verdict, index) => {
    const message = batch.messages[index];
    if (verdict.kind === 'ok') report.values.push(verdict.value as Out);
    else (verdict.kind === 'drop' ? report.dropped : report.deadLettered).push({ message, step: verdict.step, reason: verdict.reason });
  });
  if (report.deadLettered.length > 0) {
    const started = performance.now();
    await ports.deadLetter(report.deadLettered.map((decision) => deadLetterOf(batch, decision.message, decision.reason, decision.step)));
    timer?.('dead-letter', performance.now() - started);
  }
  const committing = performance.now();
  await ports.commit();
  timer?.('commit', performance.now() - committing);
  plan.committed?.(report);
  return report;
}
