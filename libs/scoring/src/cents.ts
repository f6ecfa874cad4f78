/**
 * Amounts are kept in cents so that sums of points are exact integers; only decay produces
 * fractions, and those are rounded once, when a score is reported.
 */
export function toCents(points: number): number {
  return Math.round(points * 100);
}

/** Reported value: rounded to whole cents, in points (2 decimals). */
export function toPoints(cents: number): number {
  return Math.round(cents) / 100;
}

export function isWholeCents(points: number): boolean {
  return Math.abs(points * 100 - Math.round(points * 100)) < 1e-6;
}
