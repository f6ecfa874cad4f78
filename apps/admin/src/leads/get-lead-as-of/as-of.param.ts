import { ValidationFailed } from '@leadscore/http';
import { isoInstant } from '../../shared/iso-instant';

/** `?asOf=` → epoch ms, else 400 on `asOf`. */
export function parseAsOf(value: unknown): number {
  const at = isoInstant(value);
  if (at === null) {
    throw new ValidationFailed([{ path: 'asOf', message: 'asOf must be an ISO-8601 date or date-time with a time zone, e.g. 2026-03-01T12:00:00Z' }]);
  }
  return at;
}
