/**
 * What adding `cents` to a group holding `before` counts under the group's cap (the most points
 * the group can contribute; Infinity = uncapped; nothing caps it from below). Exactly `cents`
 * whenever the cap is not involved, so decayed fractions never look "capped" by float noise.
 */
export function countedUnderCap(before: number, cents: number, cap: number): number {
  if (before <= cap && before + cents <= cap) return cents;
  return Math.min(cap, before + cents) - Math.min(cap, before);
}
