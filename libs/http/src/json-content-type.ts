import { UnsupportedMediaType } from './request-errors';

/** `application/json`, parameters (charset) ignored: the media type Fastify parses as JSON. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === 'application/json';
}

/**
 * Fastify parses some bodies that are not JSON (text/plain, forms) before the route runs: a
 * JSON-only route calls this first so that such a body is a 415, not a confusing 400.
 */
export function assertJsonContentType(contentType: string | undefined): void {
  if (!isJsonContentType(contentType)) {
    throw new UnsupportedMediaType(`expected Content-Type: application/json, got ${contentType ? `"${contentType.slice(0, 100)}"` : 'none'}`);
  }
}
