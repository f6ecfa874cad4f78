import { type Ledger } from './lead-state';

/**
 * Engagement points by group position. `live` holds exact integer cents that do not decay;
 * expiring entries count in `live` until `expireUntil` takes them out. Each decaying quad
 * [group, halfLife, anchorAt, sum] holds every decaying entry of that group and half-life as one
 * sum valued at `anchorAt`: worth sum · 2^(−(T − anchorAt)/halfLife) at T. The anchor only moves by
 * whole half-lives (an exact power-of-two rescale), so no rounding drift builds up.
 */
const REANCHOR_AFTER_HALF_LIVES = 32;
/** A decaying sum worth less than this many cents can never matter again: it is dropped. */
const NEGLIGIBLE_CENTS = 1e-6;

export function addLive(ledger: Ledger, group: number, cents: number): void {
  ledger.live[group] += cents;
}

/** Counts until `expiresAt`. */
export function addExpiring(ledger: Ledger, group: number, cents: number, expiresAt: number): void {
  ledger.live[group] += cents;
  const list = ledger.expiring;
  let k = list.length;
  while (k > 0 && list[k - 3] > expiresAt) k -= 3;
  if (k === list.length) list.push(expiresAt, group, cents);
  else list.splice(k, 0, expiresAt, group, cents);
}

export function expireUntil(ledger: Ledger, at: number): void {
  const list = ledger.expiring;
  let k = 0;
  for (; k < list.length && list[k] <= at; k += 3) ledger.live[list[k + 1]] -= list[k + 2];
  if (k > 0) list.splice(0, k);
}

export function addDecaying(ledger: Ledger, group: number, cents: number, earnedAt: number, halfLifeMs: number): void {
  const quads = ledger.decaying;
  let k = 0;
  while (k < quads.length && (quads[k] !== group || quads[k + 1] !== halfLifeMs)) k += 4;
  if (k === quads.length) {
    quads.push(group, halfLifeMs, earnedAt, cents);
    return;
  }
  const halfLives = (earnedAt - quads[k + 2]) / halfLifeMs;
  if (halfLives > REANCHOR_AFTER_HALF_LIVES) {
    const whole = Math.floor(halfLives);
    quads[k + 2] += whole * halfLifeMs;
    quads[k + 3] *= 2 ** -whole;
  }
  quads[k + 3] += cents * 2 ** ((earnedAt - quads[k + 2]) / halfLifeMs);
}

/** The group's value at `at` in cents, before its cap (a float when it holds decaying points). */
export function groupValueAt(ledger: Ledger, group: number, at: number): number {
  let value = ledger.live[group];
  const quads = ledger.decaying;
  for (let k = 0; k < quads.length; k += 4) {
    if (quads[k] === group) value += quads[k + 3] * 2 ** ((quads[k + 2] - at) / quads[k + 1]);
  }
  return value;
}

/** Drops decaying sums that have faded below a millionth of a cent at `at`. */
export function pruneFaded(ledger: Ledger, at: number): void {
  const quads = ledger.decaying;
  for (let k = quads.length - 4; k >= 0; k -= 4) {
    if (Math.abs(quads[k + 3] * 2 ** ((quads[k + 2] - at) / quads[k + 1])) < NEGLIGIBLE_CENTS) quads.splice(k, 4);
  }
}
