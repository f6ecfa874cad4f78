/**
 * What adding `cents` to a group holding `before` counts under the group's cap (the most points
 * the group can contribute; Infinity = uncapped; nothing caps it from below).
 */
export function countedUnderCap(before: number, cents: number, cap: number): number {
  if (cap === Infinity) return cents;
  return Math.min(cap, before + cents) - Math.min(cap, before);
}
