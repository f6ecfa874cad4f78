/**
 * mulberry32: a small seeded generator, so every run of a bench uses the same data. (A float LCG
 * such as `(s * 1103515245 + 12345) % 2^31` multiplies past 2^53, loses its low bits and cycles
 * after a few thousand draws.)
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
