/**
 * The one cursor codec of every paged list: a position as base64url JSON, opaque to clients.
 * `read` checks the decoded value's shape; anything that is not one of ours decodes to null.
 */
export function encodePageCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodePageCursor<T>(text: string, read: (value: unknown) => T | null): T | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  return read(value);
}

/** For `read`: the value as a plain object, or null. */
export function cursorObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** For `read`: a bigint id or seq as text (1 to 2^63-1), or null. */
export function cursorBigintText(value: unknown): string | null {
  return typeof value === 'string' && /^[1-9]\d{0,18}$/.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n ? value : null;
}
