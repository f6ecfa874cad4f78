import { parseUntrustedJson, UnsupportedMediaType, ValidationFailed } from '@leadscore/http';

const MEDIA_TYPES = ['application/json', 'text/plain'];

/**
 * A Segment route's body as JSON. analytics.js posts JSON as `text/plain` (a "simple" CORS
 * request, no preflight), which Fastify hands over as a string: it is parsed here. Any other
 * media type is a 415 (on these routes only is text/plain taken).
 */
export function decodeSegmentBody(body: unknown, contentType: string | undefined): unknown {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType === undefined || !MEDIA_TYPES.includes(mediaType)) {
    throw new UnsupportedMediaType(`expected Content-Type: application/json or text/plain, got ${contentType ? `"${contentType.slice(0, 100)}"` : 'none'}`);
  }
  if (typeof body !== 'string') return body;
  try {
    return parseUntrustedJson(body);
  } catch {
    throw new ValidationFailed([{ path: 'body', message: 'the body is not valid JSON' }]);
  }
}

/** The write key a Segment body may carry (`writeKey`, as analytics.js and analytics-node send it). */
export function bodyWriteKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const key = (body as { writeKey?: unknown }).writeKey;
  return typeof key === 'string' && key.length > 0 ? key : undefined;
}
