import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';

/** analytics.js as a site would host it: the files of the npm package, no CDN. */
const ANALYTICS_NEXT_UMD = join(__dirname, '..', '..', 'node_modules', '@segment', 'analytics-next', 'dist', 'umd');
const SCRIPT_NAME = /^[A-Za-z0-9._-]+\.js$/;

export interface StaticSite {
  /** `http://127.0.0.1:PORT`: the site's origin, another than ingest's. */
  origin: string;
  close(): Promise<void>;
}

/**
 * A website on a loopback port of its own: the given HTML pages (`/name.html`) and, under
 * `/analytics-next/`, the browser bundles of `@segment/analytics-next` from node_modules.
 */
export async function serveSite(pages: Record<string, string>): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    void answer(request.url ?? '/', pages).then(({ status, type, body }) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function answer(url: string, pages: Record<string, string>): Promise<{ status: number; type: string; body: string | Buffer }> {
  const path = new URL(url, 'http://site').pathname;
  const page = /^\/([a-z-]+)\.html$/.exec(path);
  if (page && pages[page[1]] !== undefined) return { status: 200, type: 'text/html; charset=utf-8', body: pages[page[1]] };
  const script = path.startsWith('/analytics-next/') ? path.slice('/analytics-next/'.length) : '';
  if (SCRIPT_NAME.test(script)) {
    const body = await readFile(join(ANALYTICS_NEXT_UMD, script)).catch(() => null);
    if (body !== null) return { status: 200, type: 'text/javascript; charset=utf-8', body };
  }
  return { status: 404, type: 'text/plain', body: 'not found' };
}
