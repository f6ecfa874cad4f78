export const GIVE_UP_AFTER_MS = 3 * 24 * 3600 * 1000;
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

export type NextAttempt = { retryInMs: number } | { giveUp: true };

/**
 * After `attempts` failed attempts (the first being immediate): the next delay from the schedule
 * with ±10% jitter (`random` in [0,1)), at least a `Retry-After` the receiver asked for; give up
 * when the schedule is spent or the next attempt would fall past 3 days after the first.
 */
export function nextAttempt(input: {
  schedule: readonly number[];
  attempts: number;
  elapsedMs: number;
  retryAfterMs: number | null;
  random: number;
}): NextAttempt {
  const base = input.schedule[input.attempts - 1];
  if (base === undefined) return { giveUp: true };
  const jittered = Math.round(base * (0.9 + 0.2 * input.random));
  const delay = Math.max(jittered, Math.min(input.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
  if (input.elapsedMs + delay > GIVE_UP_AFTER_MS) return { giveUp: true };
  return { retryInMs: delay };
}

/** `Retry-After` as seconds or an HTTP date, in ms from `nowMs`; null when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
