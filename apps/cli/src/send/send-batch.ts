import { type ApiAnswer, errorsOf, type FieldError } from '../api/api-answer';
import { type LineEvent, type RefusedLine } from './json-lines';

export interface SendBatchDeps {
  /** POSTs `{"events": [...]}` to the native API. */
  post: (events: Array<Record<string, unknown>>) => Promise<ApiAnswer>;
  sleep: (ms: number) => Promise<void>;
  /** Attempts per request while the server answers 429/503 or cannot be reached. */
  maxAttempts?: number;
  /** Called before each retry (the progress bar shows it). */
  onRetry?: (reason: string, waitMs: number) => void;
}

export interface BatchOutcome {
  accepted: LineEvent[];
  refused: RefusedLine[];
}

/** Raised when the server kept answering 429/503 (or was unreachable) past every attempt. */
export class SendGaveUp extends Error {}

/**
 * Sends one batch. A batch with an invalid event is refused whole (400 with `events.N.…` paths):
 * the lines named are set aside and the rest is sent again, with the same eventIds. A 413 halves
 * the batch. 429 and 503 are retried after `Retry-After` (or a growing pause): the eventIds do not
 * change, so an attempt the server wrote before answering 503 is deduplicated, never doubled.
 */
export async function sendBatch(batch: readonly LineEvent[], deps: SendBatchDeps): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { accepted: [], refused: [] };
  let pending = [...batch];
  while (pending.length > 0) {
    const answer = await postWithRetries(pending, deps);
    if (answer.status >= 200 && answer.status < 300) {
      outcome.accepted.push(...pending);
      return outcome;
    }
    const errors = errorsOf(answer);
    if (answer.status === 413 && pending.length > 1) {
      const half = Math.ceil(pending.length / 2);
      for (const part of [pending.slice(0, half), pending.slice(half)]) {
        const sub = await sendBatch(part, deps);
        outcome.accepted.push(...sub.accepted);
        outcome.refused.push(...sub.refused);
      }
      return outcome;
    }
    const byIndex = errorsByEventIndex(errors);
    if (answer.status !== 400 || byIndex.size === 0) {
      // Not about one event (401, 403, a 413 of a single event…): every line of the batch is refused with it.
      outcome.refused.push(...pending.map((item) => ({ line: item.line, errors })));
      return outcome;
    }
    outcome.refused.push(...[...byIndex].map(([index, lineErrors]) => ({ line: pending[index].line, errors: lineErrors })));
    pending = pending.filter((_item, index) => !byIndex.has(index));
  }
  return outcome;
}

/** `events.3.leadId` → index 3, path `leadId`; errors on other paths are left out. */
export function errorsByEventIndex(errors: readonly FieldError[]): Map<number, FieldError[]> {
  const byIndex = new Map<number, FieldError[]>();
  for (const error of errors) {
    const match = /^events\.(\d+)(?:\.(.*))?$/.exec(error.path);
    if (!match) continue;
    const index = Number(match[1]);
    const list = byIndex.get(index) ?? [];
    list.push({ path: match[2] ?? 'event', message: error.message });
    byIndex.set(index, list);
  }
  return byIndex;
}

async function postWithRetries(pending: readonly LineEvent[], deps: SendBatchDeps): Promise<ApiAnswer> {
  const maxAttempts = deps.maxAttempts ?? 8;
  const events = pending.map((item) => item.event);
  for (let attempt = 1; ; attempt += 1) {
    let reason: string;
    let waitMs = retryPauseMs(attempt);
    try {
      const answer = await deps.post(events);
      if (answer.status !== 429 && answer.status !== 503) return answer;
      reason = `HTTP ${answer.status}`;
      waitMs = retryAfterMs(answer.headers.get('retry-after')) ?? waitMs;
    } catch (error) {
      reason = (error as Error).message;
    }
    if (attempt >= maxAttempts) throw new SendGaveUp(`gave up after ${attempt} attempts (${reason})`);
    deps.onRetry?.(reason, waitMs);
    await deps.sleep(waitMs);
  }
}

/** 0.5 s, 1 s, 2 s, … capped at 30 s. */
export function retryPauseMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** (attempt - 1));
}

/** `Retry-After` in seconds (the form our servers send), capped at a minute; null when absent or unreadable. */
export function retryAfterMs(header: string | null): number | null {
  if (header === null || !/^\d+(\.\d+)?$/.test(header.trim())) return null;
  return Math.min(60_000, Math.round(Number(header) * 1000));
}
