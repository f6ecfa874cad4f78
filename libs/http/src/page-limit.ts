import { type FieldError } from '@leadscore/contracts';
import { ValidationFailed } from './request-errors';

export const MAX_PAGE_LIMIT = 500;

/**
 * `?limit=` of a cursor-paginated list: absent or empty → `fallback`, else an integer from 1 to
 * 500. Returns the limit, or the field error on `limit` (so a caller can report every bad
 * parameter at once).
 */
export function parsePageLimit(value: unknown, fallback: number): number | FieldError {
  if (value === undefined || value === '') return fallback;
  const limit = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  return limit >= 1 && limit <= MAX_PAGE_LIMIT ? limit : { path: 'limit', message: `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}` };
}

/** The same, for a list whose only parameter error is the limit: throws the 400. */
export function pageLimitOrThrow(value: unknown, fallback: number): number {
  const limit = parsePageLimit(value, fallback);
  if (typeof limit !== 'number') throw new ValidationFailed([limit]);
  return limit;
}
