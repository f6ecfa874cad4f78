/** The largest amount numeric(14,2) holds. */
export const MAX_AMOUNT = 999_999_999_999.99;

/** Why `value` is not an amount of money (a number ≥ 0 with at most two decimals), or null. */
export function moneyProblem(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (value < 0) return 'must be at least 0';
  if (value > MAX_AMOUNT) return `must be at most ${MAX_AMOUNT}`;
  if (Math.round(value * 100) / 100 !== value) return 'must have at most two decimals';
  return null;
}

/** An amount as whole cents (exact: amounts have at most two decimals). */
export function toCents(value: number): number {
  return Math.round(value * 100);
}
