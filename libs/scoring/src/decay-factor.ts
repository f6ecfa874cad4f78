/**
 * 2^(−elapsed/halfLife): what one point earned `elapsedMs` ago is worth now. Computed as
 * exp(−x·ln 2), five times cheaper than `2 ** x` in V8 and just as deterministic (V8 ships its own
 * fdlibm, so every platform gives the same bits). Exact powers of two (anchor rescales) use `2 ** n`.
 */
export function decayFactor(elapsedMs: number, halfLifeMs: number): number {
  return Math.exp((-elapsedMs / halfLifeMs) * Math.LN2);
}
