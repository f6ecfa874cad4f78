/** FNV-1a over the lead id and the seed: the same lead lands on the same side for the same seed. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A fifth of the leads is held out for evaluation, chosen by hash of lead id + seed (no Math.random). */
export function isHeldOut(leadId: string, seed: number): boolean {
  return hashOf(`${seed}:${leadId}`) % 5 === 0;
}
