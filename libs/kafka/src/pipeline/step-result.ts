/**
 * What a step decided for one message (PostHog's pipeline results): go on with a value, drop it
 * (nothing to do, not an error: a duplicate, a message that concerns someone else), or send it to
 * the DLQ with a reason. A step returns these instead of throwing; a throw means "retry the batch".
 */
export type StepResult<T> = { kind: 'ok'; value: T } | { kind: 'drop'; reason: string } | { kind: 'dlq'; reason: string };

export function ok<T>(value: T): StepResult<T> {
  return { kind: 'ok', value };
}

export function drop(reason: string): StepResult<never> {
  return { kind: 'drop', reason };
}

export function dlq(reason: string): StepResult<never> {
  return { kind: 'dlq', reason };
}

/**
 * A named step over the values that passed the steps before it (the whole batch at once: no
 * per-message round trip), returning one result per value, in their order.
 */
export interface BatchStep<In, Out> {
  readonly name: string;
  run(values: In[]): StepResult<Out>[] | Promise<StepResult<Out>[]>;
}
