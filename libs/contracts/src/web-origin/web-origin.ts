import { type FieldError } from '../field-error';

/** At most this many allowed origins per source; a website rarely has more than a few. */
export const MAX_ALLOWED_ORIGINS = 100;
const MAX_ORIGIN_LENGTH = 300;
/** scheme://host[:port], nothing after: no path, query, fragment or credentials. */
const ORIGIN_SHAPE = /^(https?):\/\/([^/?#@\s*%\\]+)$/i;

export type ParsedOrigin = { ok: true; origin: string } | { ok: false; message: string };

/**
 * A web origin as ops write it (`https://www.example.com`, `http://localhost:8080`), in the form
 * a browser sends in its `Origin` header: scheme and host in lower case, IDN host in punycode,
 * the default port left out. So that ingest compares strings, never parses a header.
 */
export function parseWebOrigin(text: string): ParsedOrigin {
  const refused = { ok: false as const, message: 'must be an origin scheme://host[:port] (http or https, no path), e.g. https://www.example.com' };
  if (text.length > MAX_ORIGIN_LENGTH || !ORIGIN_SHAPE.test(text)) return refused;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refused;
  }
  if (url.origin === 'null' || url.hostname === '') return refused;
  return { ok: true, origin: url.origin };
}

export type ParsedOrigins = { ok: true; origins: string[] } | { ok: false; errors: FieldError[] };

/** An `allowedOrigins` list: each entry an origin (errors at `path.N`), duplicates dropped, order kept. */
export function parseAllowedOrigins(value: unknown, path = 'allowedOrigins'): ParsedOrigins {
  if (!Array.isArray(value)) return { ok: false, errors: [{ path, message: 'must be a list of origins (empty: any origin)' }] };
  if (value.length > MAX_ALLOWED_ORIGINS) return { ok: false, errors: [{ path, message: `at most ${MAX_ALLOWED_ORIGINS} origins` }] };
  const errors: FieldError[] = [];
  const origins: string[] = [];
  value.forEach((item: unknown, index) => {
    const parsed = typeof item === 'string' ? parseWebOrigin(item) : { ok: false as const, message: 'must be a string' };
    if (!parsed.ok) errors.push({ path: `${path}.${index}`, message: parsed.message });
    else if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, origins };
}

/**
 * Whether a request may go on under a source's allowed origins: an empty list allows any origin,
 * a request without `Origin` (a server, a curl, an `<img>`) is not a browser call and goes on.
 */
export function originAllowed(allowedOrigins: readonly string[], requestOrigin: string | undefined): boolean {
  if (allowedOrigins.length === 0 || requestOrigin === undefined) return true;
  return allowedOrigins.includes(requestOrigin);
}
