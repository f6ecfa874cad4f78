import { type FieldError, MAX_SOURCE_LENGTH } from '@leadscore/contracts';
import { ValidationFailed } from '@leadscore/http';
import { isoInstant } from '../shared/iso-instant';

/** The cohort window of an insights question: leads first seen in [from, to), of one source or all. */
export interface InsightWindow {
  from: number;
  to: number;
  source: string | null;
}

/** Two years and a day (a leap year is in most two-year windows). */
export const MAX_WINDOW_MS = (2 * 365 + 1) * 24 * 3600 * 1000;

/** `?from=&to=&source=` → the window, or every problem as a 400 by field. */
export function parseInsightWindow(query: Record<string, unknown>): InsightWindow {
  const errors: FieldError[] = [];
  const from = instant(query.from, 'from', errors);
  const to = instant(query.to, 'to', errors);
  if (from !== null && to !== null) {
    if (from >= to) errors.push({ path: 'to', message: 'to must be after from' });
    else if (to - from > MAX_WINDOW_MS) errors.push({ path: 'to', message: 'the window from from to to must be at most 2 years' });
  }
  const source = query.source === undefined || query.source === '' ? null : query.source;
  if (source !== null && (typeof source !== 'string' || source.length > MAX_SOURCE_LENGTH)) {
    errors.push({ path: 'source', message: `source must be a string of at most ${MAX_SOURCE_LENGTH} characters` });
  }
  if (errors.length > 0 || from === null || to === null) throw new ValidationFailed(errors);
  return { from, to, source: source as string | null };
}

function instant(value: unknown, path: 'from' | 'to', errors: FieldError[]): number | null {
  const at = isoInstant(value);
  if (at === null) errors.push({ path, message: `${path} must be an ISO-8601 date or date-time with a time zone, e.g. 2026-03-01T00:00:00Z` });
  return at;
}
