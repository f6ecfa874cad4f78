// A date, or a date-time with its offset: an instant that means the same everywhere.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

/** An ISO-8601 date, or date-time with a time zone, as epoch ms; null when `value` is not one. */
export function isoInstant(value: unknown): number | null {
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  const at = match && isRealTime(match) ? Date.parse(String(value)) : NaN;
  return Number.isNaN(at) ? null : at;
}

// Date.parse rolls 2026-02-30 over to March; a calendar day and clock time that exist are required.
function isRealTime(match: RegExpExecArray): boolean {
  const [year, month, day] = [1, 2, 3].map((i) => Number(match[i]));
  const [hour, minute, second] = [4, 5, 6].map((i) => Number(match[i] ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}
