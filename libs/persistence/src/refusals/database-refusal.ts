/**
 * SQLSTATE classes that mean "PostgreSQL refuses this data" (it would refuse it again on any retry):
 * 22 data exception (bad time, bad encoding, value too long), 23 integrity constraint violation
 * (CHECK, NOT NULL, foreign key, unique), 54 program limit exceeded (index row too large). Anything
 * else — a lost connection, a serialization failure or deadlock (40), a shutdown (57) — is transient.
 */
const REFUSING_CLASSES = new Set(['22', '23', '54']);

/** The database's own words when `error` is a refusal of the data, else null (retry as usual). */
export function databaseRefusal(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || !REFUSING_CLASSES.has(code.slice(0, 2))) return null;
  return `SQLSTATE ${code}: ${typeof message === 'string' ? message : 'refused by the database'}`;
}
