/** What a topic's parser makes of a message value: the message, or why it is a dead letter. */
export type ParsedMessage<T> = { ok: true; message: T } | { ok: false; reason: string };

/** The bytes of a message value as a JSON object, or the reason they are not one. */
export function parseJsonObject(value: Buffer | null): ParsedMessage<Record<string, unknown>> {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty message value' };
  let body: unknown;
  try {
    body = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'value is not valid JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'value is not a JSON object' };
  return { ok: true, message: body as Record<string, unknown> };
}
