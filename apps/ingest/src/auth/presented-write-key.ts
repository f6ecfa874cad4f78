/** Where a request may carry its write key (docs/events.md). */
export interface WriteKeyCarriers {
  authorization?: string;
  /** The `k` query parameter: a string, or an array when given more than once. */
  queryKey?: unknown;
}

export type PresentedWriteKey = { ok: true; key: string } | { ok: false; message: string };

const MISSING = 'a write key is required: Authorization: Bearer KEY, Basic auth with the key as user name, or ?k=KEY';
const MALFORMED = 'expected Authorization: Bearer KEY, or Basic auth with the key as user name';

/**
 * The key a request presents: `Authorization: Bearer KEY`, Basic auth with the key as user name
 * and any password (Segment's SDKs send `base64(KEY:)`), or `?k=KEY` (the pixel). The header wins.
 */
export function presentedWriteKey(carriers: WriteKeyCarriers): PresentedWriteKey {
  const header = carriers.authorization?.trim();
  if (header) return fromAuthorization(header);
  const queryKey = carriers.queryKey;
  if (typeof queryKey === 'string' && queryKey.length > 0) return { ok: true, key: queryKey };
  if (Array.isArray(queryKey)) return { ok: false, message: 'give the k query parameter once' };
  return { ok: false, message: MISSING };
}

function fromAuthorization(header: string): PresentedWriteKey {
  const [scheme, credentials, ...rest] = header.split(/\s+/);
  if (credentials === undefined || rest.length > 0) return { ok: false, message: MALFORMED };
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return { ok: true, key: credentials };
    case 'basic': {
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) return { ok: false, message: MALFORMED };
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      const user = separator === -1 ? decoded : decoded.slice(0, separator);
      return user.length > 0 ? { ok: true, key: user } : { ok: false, message: 'Basic auth must carry the write key as user name' };
    }
    default:
      return { ok: false, message: MALFORMED };
  }
}
