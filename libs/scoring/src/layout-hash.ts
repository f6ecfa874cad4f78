/**
 * A 53-bit hash (cyrb53) of a ledger layout: group names, then rule ids. A lead whose ledger
 * carries its rule set's hash is lined up without comparing ~30 names parsed from JSON; two
 * different layouts meet the same hash about once in 10^16.
 */
export function layoutHash(groups: readonly string[], ruleIds: readonly string[]): number {
  const text = `${groups.join(' ')}|${ruleIds.join(' ')}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
