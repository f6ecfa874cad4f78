import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type PostOutcome = { kind: 'answered'; status: number; headers: IncomingHttpHeaders } | { kind: 'error'; error: string };

/**
 * POSTs to `address` (the IP that passed the SSRF check) with the URL's host in the Host header
 * and as TLS server name, so DNS is never asked again. Redirects are not followed (a 3xx is just
 * a non-2xx answer); the whole attempt is bounded by `timeoutMs`.
 */
export function postWebhook(input: {
  url: URL;
  address: string;
  family: 4 | 6;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}): Promise<PostOutcome> {
  const { url } = input;
  const https = url.protocol === 'https:';
  const send = https ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send({
      host: input.address,
      family: input.family,
      port: url.port ? Number(url.port) : https ? 443 : 80,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: { ...input.headers, host: url.host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(input.body)) },
      ...(https ? { servername: url.hostname.replace(/^\[|\]$/g, '') } : {}),
    }, (res) => {
      res.resume(); // the answer's body is not used; drain it so the socket is freed
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ kind: 'answered', status: res.statusCode ?? 0, headers: res.headers });
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        resolve({ kind: 'error', error: error.message });
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${input.timeoutMs} ms`)), input.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      resolve({ kind: 'error', error: error.message });
    });
    req.end(input.body);
  });
}
