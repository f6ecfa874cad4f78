import { decayFactor } from './decay-factor';
import { type Ledger } from './lead-state';

/**
 * Engagement points by group position. `live` holds exact integer cents that do not decay;
 * expiring entries count in `live` until `expireUntil` takes them out. Each decaying quad
 * [group, halfLife, anchorAt, sum] holds every decaying entry of that group and half-life as one
 * sum valued at `anchorAt`: worth sum · 2^((anchorAt − T)/halfLife) at T. Anchors sit on a grid of
 * GRID half-lives shared by all groups, so valuing costs one power per half-life, and moving an
 * anchor along the grid is an exact power-of-two rescale: no rounding drift builds up.
 */
const GRID_HALF_LIVES = 16;
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

/** The grid anchor for time `at`: the start of its span of GRID half-lives. */
export function gridAnchor(at: number, halfLifeMs: number): number {
  const span = GRID_HALF_LIVES * halfLifeMs;
  return Math.floor(at / span) * span;
}

/** Books `cents` earned at `earnedAt`; the quads must already sit on the grid of `valuedAt`. */
export function addDecaying(ledger: Ledger, group: number, cents: number, earnedAt: number, halfLifeMs: number): void {
  const quads = ledger.decaying;
  let k = 0;
  while (k < quads.length && (quads[k + 1] < halfLifeMs || (quads[k + 1] === halfLifeMs && quads[k] < group))) k += 4;
  if (k === quads.length || quads[k] !== group || quads[k + 1] !== halfLifeMs) {
    // Kept sorted by half-life, so valuing computes one power per half-life.
    quads.splice(k, 0, group, halfLifeMs, gridAnchor(ledger.valuedAt!, halfLifeMs), 0);
  }
  quads[k + 3] += cents * decayFactor(quads[k + 2] - earnedAt, halfLifeMs);
}

let scratch = new Float64Array(32);

/**
 * Every group's value at `at` (decay applied, before caps), in a buffer reused from call to call:
 * read it before the next call. Moves the quads' anchors to the grid of `at` on the way.
 */
export function groupValuesAt(ledger: Ledger, at: number): Float64Array {
  const live = ledger.live;
  if (scratch.length < live.length) scratch = new Float64Array(live.length * 2);
  for (let g = 0; g < live.length; g++) scratch[g] = live[g];
  const quads = ledger.decaying;
  let halfLife = 0;
  let anchor = 0;
  let factor = 1;
  for (let k = 0; k < quads.length; k += 4) {
    if (quads[k + 1] !== halfLife) {
      halfLife = quads[k + 1];
      anchor = gridAnchor(at, halfLife);
      factor = decayFactor(at - anchor, halfLife);
    }
    if (quads[k + 2] !== anchor) {
      // Both on the grid: a whole number of half-lives apart, so an exact power of two.
      quads[k + 3] *= 2 ** Math.round((quads[k + 2] - anchor) / halfLife);
      quads[k + 2] = anchor;
    }
    scratch[quads[k]] += quads[k + 3] * factor;
  }
  return scratch;
}

/** The same values, without touching the ledger (for valuing a stored lead at any time). */
export function groupValuesWithoutRebase(ledger: Ledger, live: readonly number[], at: number): Float64Array {
  const values = Float64Array.from(live);
  const quads = ledger.decaying;
  for (let k = 0; k < quads.length; k += 4) values[quads[k]] += quads[k + 3] * decayFactor(at - quads[k + 2], quads[k + 1]);
  return values;
}

/** Drops decaying sums that have faded below a millionth of a cent at `at`. */
export function pruneFaded(ledger: Ledger, at: number): void {
  const quads = ledger.decaying;
  for (let k = quads.length - 4; k >= 0; k -= 4) {
    if (Math.abs(quads[k + 3] * decayFactor(at - quads[k + 2], quads[k + 1])) < NEGLIGIBLE_CENTS) quads.splice(k, 4);
  }
}
