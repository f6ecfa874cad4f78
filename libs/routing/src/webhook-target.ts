import { isIP } from 'node:net';
import { isPrivateAddress } from './private-address';

/** The DNS port: every address a host name resolves to (node's dns.promises.lookup with all: true). */
export type LookupAll = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export type WebhookTarget =
  | { ok: true; url: URL; address: string; family: 4 | 6 }
  | { ok: false; message: string };

/**
 * Resolves a webhook URL once and checks every address; delivery then connects to the returned
 * address (never resolving again), so a DNS answer cannot change between the check and the call.
 */
export async function resolveWebhookTarget(rawUrl: string, deps: { lookup: LookupAll; allowPrivate: boolean }): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, message: 'is not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: 'must be http or https' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await deps.lookup(host);
  } catch (error) {
    return { ok: false, message: `host ${host} does not resolve (${(error as Error).message})` };
  }
  if (addresses.length === 0) return { ok: false, message: `host ${host} does not resolve` };
  if (!deps.allowPrivate) {
    const bad = addresses.find((entry) => isPrivateAddress(entry.address));
    if (bad) return { ok: false, message: `resolves to ${bad.address}, a loopback, private, link-local or reserved address (set WEBHOOK_ALLOW_PRIVATE=true to allow)` };
  }
  return { ok: true, url, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}

/**
 * Bounds a lookup: a DNS server that never answers fails the attempt after `timeoutMs` (as a lookup
 * error, so the delivery is retried) instead of holding a delivery slot past its lease.
 */
export function lookupWithTimeout(lookup: LookupAll, timeoutMs: number): LookupAll {
  return (hostname) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no DNS answer within ${timeoutMs} ms`)), timeoutMs);
    lookup(hostname).then(
      (addresses) => { clearTimeout(timer); resolve(addresses); },
      (error: unknown) => { clearTimeout(timer); reject(error instanceof Error ? error : new Error(String(error))); },
    );
  });
}
