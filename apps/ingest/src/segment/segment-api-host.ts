/** Where analytics.js sends its calls: Segment.io's `protocol` and `apiHost` (host and path, no scheme). */
export interface SegmentApiHost {
  protocol: 'http' | 'https';
  apiHost: string;
}

/** What a settings request says about how the browser reached ingest. */
export interface PublicAddressHints {
  /** INGEST_PUBLIC_URL (libs/config), when set: it wins over every header. */
  publicUrl: string | null;
  host: string | undefined;
  forwardedHost: string | string[] | undefined;
  forwardedProto: string | string[] | undefined;
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * The address analytics.js must send to, as the browser sees ingest: INGEST_PUBLIC_URL when set;
 * else X-Forwarded-Host / X-Forwarded-Proto (the first hop, as a proxy in front sets them), else
 * Host over http (ingest itself serves no TLS). A header that is not a plain host or scheme is
 * ignored rather than echoed. The answer only ever goes back to the client that sent the headers
 * (`Cache-Control: no-store`), so a forged header misleads nobody else.
 */
export function segmentApiHost(hints: PublicAddressHints): SegmentApiHost {
  if (hints.publicUrl !== null) {
    const url = new URL(hints.publicUrl);
    return { protocol: url.protocol === 'http:' ? 'http' : 'https', apiHost: `${url.host}${url.pathname.replace(/\/+$/, '')}/v1` };
  }
  const forwardedHost = firstHop(hints.forwardedHost);
  const host = [forwardedHost, hints.host].find((candidate) => candidate !== undefined && HOST.test(candidate)) ?? 'localhost';
  const proto = firstHop(hints.forwardedProto)?.toLowerCase();
  return { protocol: proto === 'https' || proto === 'http' ? proto : 'http', apiHost: `${host}/v1` };
}

function firstHop(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const first = text?.split(',')[0].trim();
  return first ? first : undefined;
}
