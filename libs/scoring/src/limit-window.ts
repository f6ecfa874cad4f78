import { type CompiledRule } from './compile-rule-set';
import { DAY_MS } from './duration';
import { type Ledger } from './lead-state';

/**
 * Limit windows are calendar-aligned (`1d` is a UTC day, `7d` an ISO week) rather than sliding:
 * a late event lands in its own window, so "at most count per window" holds whatever the arrival
 * order. Windows are kept this long behind the lead's latest event; a late event whose window
 * ended before that is treated as over its limit (it can no longer be checked).
 */
export const WINDOW_HORIZON_MS = 7 * DAY_MS;
/** Windows start from Monday 1970-01-05 00:00 UTC. */
const WINDOW_ORIGIN_MS = 4 * DAY_MS;

/** Start of the window `occurredAt` falls in (0 for `ever`). */
export function windowStart(occurredAt: number, perMs: number): number {
  return perMs === 0 ? 0 : WINDOW_ORIGIN_MS + Math.floor((occurredAt - WINDOW_ORIGIN_MS) / perMs) * perMs;
}

/** True (and the slot taken) when `rule` may still score an event at `occurredAt`. */
export function takeWindowSlot(ledger: Ledger, rule: CompiledRule, occurredAt: number, valuedAt: number): boolean {
  const { count, perMs } = rule.limit!;
  const start = windowStart(occurredAt, perMs);
  const horizon = valuedAt - WINDOW_HORIZON_MS;
  if (perMs !== 0 && start + perMs <= horizon) return false;
  const w = ledger.windows;
  const r = rule.index;
  // The rule's windows end where the next rule's begin; in-order events land in its latest one.
  let i = boundary(w, r + 1) - 3;
  while (i >= 0 && w[i] === r && w[i + 1] > start) i -= 3;
  if (i >= 0 && w[i] === r && w[i + 1] === start) {
    if (w[i + 2] >= count) return false;
    w[i + 2] += 1;
    return true;
  }
  // A new window: the only time the list grows, so the time to drop this rule's ended ones.
  const dropped = perMs === 0 ? 0 : dropEnded(w, boundary(w, r), r, perMs, horizon);
  w.splice(i + 3 - dropped, 0, r, start, 1);
  return true;
}

/** Position of the first window of a rule ≥ `r` (triples sorted by rule): a binary search. */
function boundary(w: readonly number[], r: number): number {
  let low = 0;
  let high = w.length / 3;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (w[mid * 3] < r) low = mid + 1;
    else high = mid;
  }
  return low * 3;
}

/** Drops rule `r`'s windows (from position `i`) that ended before the horizon; returns how many numbers went. */
function dropEnded(w: number[], i: number, r: number, perMs: number, horizon: number): number {
  let j = i;
  while (j < w.length && w[j] === r && w[j + 1] + perMs <= horizon) j += 3;
  if (j > i) w.splice(i, j - i);
  return j - i;
}

/** Drops every window that ended before the horizon (on inactivity ticks, to keep leads compact). */
export function dropEndedWindows(ledger: Ledger, perMsByRule: readonly number[], valuedAt: number): void {
  const w = ledger.windows;
  const horizon = valuedAt - WINDOW_HORIZON_MS;
  let kept = 0;
  for (let k = 0; k < w.length; k += 3) {
    const perMs = perMsByRule[w[k]] ?? 0;
    if (perMs !== 0 && w[k + 1] + perMs <= horizon) continue;
    w[kept] = w[k];
    w[kept + 1] = w[k + 1];
    w[kept + 2] = w[k + 2];
    kept += 3;
  }
  w.length = kept;
}
