/** The smallest transparent GIF (1×1, 43 bytes): the answer to every pixel request. */
export const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The pixel's query parameters that are not properties. */
const RESERVED = new Set(['k', 'lead', 'type']);

/** What a pixel request's query becomes: a native event's fields, to be checked like any other. */
export interface PixelEvent {
  leadId: unknown;
  type: unknown;
  properties: Record<string, unknown>;
}

/**
 * `?k=KEY&lead=ID&type=email_open&campaign=spring` → leadId, type (default `email_open`) and the
 * other parameters as properties (docs/events.md "Tracking pixel"). A repeated parameter keeps all its values.
 */
export function pixelEvent(query: Record<string, unknown>): PixelEvent {
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!RESERVED.has(name)) properties[name] = value;
  }
  const type = query.type === undefined || query.type === '' ? 'email_open' : query.type;
  return { leadId: query.lead, type, properties };
}
