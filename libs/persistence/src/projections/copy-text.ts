/**
 * Field encoders for PostgreSQL's COPY text format: fields split by a tab, rows by a newline, NULL
 * written as `\N`, and a backslash, tab, newline or carriage return inside a value escaped with a
 * backslash. Each encoder gives the field as the live writers' JSON would have given it to
 * jsonb_to_recordset, so a row copied and a row inserted read back the same.
 */

export const COPY_NULL = '\\N';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value (varchar, char, and the JSON of a jsonb value). */
export function copyText(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (c) => ESCAPES[c]) : value;
}

export function copyNullableText(value: string | null): string {
  return value === null ? COPY_NULL : copyText(value);
}

/**
 * A numeric or integer value, as JSON writes it. A non-finite number is NULL, as JSON.stringify
 * makes it null: the NOT NULL columns then refuse it in both paths, rather than storing NaN.
 */
export function copyNumber(value: number): string {
  const cents = Math.round(value * 100);
  // Scores and points are whole cents nearly always: written from the integer, the same digits as
  // String(value) gives (the shortest that reads back as `value`), at a quarter of its cost.
  if (cents / 100 === value && Math.abs(cents) < MAX_EXACT_CENTS) return centsText(cents);
  return Number.isFinite(value) ? String(value) : COPY_NULL;
}

/** Below this, two amounts a cent apart are always two different doubles (numeric(14,2) stays far below). */
const MAX_EXACT_CENTS = 1e15;

function centsText(cents: number): string {
  const abs = Math.abs(cents);
  const whole = `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}`;
  const fraction = abs % 100;
  if (fraction === 0) return whole;
  if (fraction % 10 === 0) return `${whole}.${fraction / 10}`;
  return `${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/**
 * A jsonb value; null and undefined are SQL NULL, as jsonb_to_recordset reads a JSON null. JSON
 * escapes tabs and line breaks itself, so only its backslashes need doubling.
 */
export function copyJson(value: unknown): string {
  const json = value === undefined ? undefined : JSON.stringify(value);
  if (json === undefined || json === 'null') return COPY_NULL;
  return escapeJson(json);
}

function escapeJson(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/** Encodings of frozen flat objects, made once each (see copyJsonArray). */
const frozenJson = new WeakMap<object, string>();

/**
 * A JSON array, exactly as copyJson writes it, element by element: an element that is a frozen
 * object of primitive values (it cannot change) is encoded once and its text reused. Most audit
 * reasons are such objects, a rule's own (libs/scoring compile-rule-set.ts), met on every event it
 * fires on.
 */
export function copyJsonArray(items: readonly unknown[]): string {
  let json = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) json += ',';
    json += elementJson(items[i]);
  }
  return `${json}]`;
}

const isPlainValue = (value: unknown): boolean => value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value);

function elementJson(item: unknown): string {
  if (typeof item !== 'object' || item === null || !Object.isFrozen(item)) return escapeJson(JSON.stringify(item) ?? 'null');
  let text = frozenJson.get(item);
  if (text === undefined) {
    text = escapeJson(JSON.stringify(item) ?? 'null');
    if (Object.values(item).every(isPlainValue)) frozenJson.set(item, text);
  }
  return text;
}

/** A timestamptz from epoch milliseconds (ISO 8601, UTC), or NULL. */
export function copyTimestamp(ms: number | null): string {
  return ms === null ? COPY_NULL : new Date(ms).toISOString();
}
