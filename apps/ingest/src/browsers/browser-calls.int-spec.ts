import type Redis from 'ioredis';
import { createPgPool, createRedis, type CreatedWriteKey, WriteKeyRepository, writeKeyRevokedChannel } from '@leadscore/persistence';
import { TRANSPARENT_GIF } from '../pixel/pixel-hit';
import { type IngestUnderTest, settle, startIngest, until } from '../testing/ingest-under-test';
import { PREFLIGHT_MAX_AGE_S } from './ingest-cors.options';

const OPEN_KEY = 'it-browser-open-key';
const SITE = 'https://www.example.com';
const OTHER_SITE = 'https://evil.example';
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

/**
 * What a browser needs from ingest (docs/events.md "Browsers"), spoken as the browser speaks it:
 * preflights, `Origin` headers, text/plain bodies with the key inside (sendBeacon, keepalive).
 */
describe('browser calls to ingest: CORS and allowed origins, against real Kafka, PostgreSQL and Redis', () => {
  let ingest: IngestUnderTest;
  let keys: WriteKeyRepository;
  let restricted: CreatedWriteKey;
  let publisher: Redis;
  let closePool: () => Promise<void>;

  beforeAll(async () => {
    ingest = await startIngest({ suite: 'ingest-browsers', writeKeys: [OPEN_KEY] });
    const pool = createPgPool(ingest.config.databaseUrl, 1);
    closePool = () => pool.end();
    keys = new WriteKeyRepository(pool);
    restricted = await keys.create({ name: 'website', allowedOrigins: [SITE] });
    publisher = createRedis(ingest.config.redisUrl);
  });

  afterAll(async () => {
    publisher?.disconnect();
    await closePool?.();
    await ingest?.close();
  });

  const metric = async (name: string, labels: string) => {
    const text = await (await fetch(`${ingest.url}/metrics`)).text();
    const line = text.split('\n').find((row) => row.startsWith(`${name}{${labels}`));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  };
  const arrived = (leadId: string) => ingest.received.filter((message) => message.leadId === leadId);

  const PUBLIC_ROUTES: Array<[string, string]> = [
    ['POST', '/v1/events'],
    ...['track', 't', 'identify', 'i', 'page', 'p', 'screen', 's', 'group', 'g', 'alias', 'a', 'batch', 'b'].map((route): [string, string] => ['POST', `/v1/${route}`]),
    ['GET', '/v1/projects/any-key/settings'],
    ['GET', '/v1/pixel.gif'],
  ];

  it.each(PUBLIC_ROUTES)('answers the preflight of %s %s: 204, methods, Authorization and Content-Type, max age, no credentials', async (method, path) => {
    const response = await fetch(`${ingest.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin: SITE, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,x-retry-count' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')?.split(/,\s*/)).toEqual(expect.arrayContaining([method]));
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/)).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-retry-count']));
    expect(response.headers.get('access-control-max-age')).toBe(String(PREFLIGHT_MAX_AGE_S));
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it.each([
    ['a native call without a key', '/v1/events', { 'content-type': 'application/json' }, '{"leadId":"x","type":"page_visit"}', 401],
    ['a native call with a bad event', '/v1/events', { 'content-type': 'application/json', authorization: `Bearer ${OPEN_KEY}` }, '{"type":"page_visit"}', 400],
    ['a native call that is not JSON', '/v1/events', { 'content-type': 'text/csv', authorization: `Bearer ${OPEN_KEY}` }, 'a,b', 415],
    ['a native body over 1 MiB', '/v1/events', { 'content-type': 'application/json', authorization: `Bearer ${OPEN_KEY}` }, `{"x":"${'a'.repeat(1024 * 1024)}"}`, 413],
    ['a Segment call with a wrong key', '/v1/t', { 'content-type': 'text/plain' }, '{"writeKey":"nope","userId":"x","event":"e"}', 401],
    ['an unknown route', '/v1/nothing-here', { 'content-type': 'application/json' }, '{}', 404],
  ])('puts Access-Control-Allow-Origin on an error answer too: %s', async (_name, path, headers, body, status) => {
    const response = await fetch(`${ingest.url}${path}`, { method: 'POST', headers: { ...headers, origin: SITE }, body });
    expect(response.status).toBe(status);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('gives /health and /metrics no CORS: a web page cannot read them through a visitor\'s browser', async () => {
    for (const path of ['/metrics', '/health/live']) {
      const response = await fetch(`${ingest.url}${path}`, { headers: { origin: OTHER_SITE } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${ingest.url}${path}`, { method: 'OPTIONS', headers: { origin: OTHER_SITE, 'access-control-request-method': 'GET' } });
      expect(preflight.status).toBe(404);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('takes a sendBeacon / keepalive body: text/plain, the write key in the body, no Authorization', async () => {
    const beacon = { writeKey: OPEN_KEY, type: 'track', event: 'Pricing Left', anonymousId: 'br-beacon', messageId: 'br-beacon-1' };
    const response = await fetch(`${ingest.url}/v1/t`, { method: 'POST', keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8', origin: SITE }, body: JSON.stringify(beacon) });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const batch = { writeKey: OPEN_KEY, batch: [{ type: 'page', anonymousId: 'br-beacon', messageId: 'br-beacon-2', properties: { url: `${SITE}/pricing` } }] };
    expect((await fetch(`${ingest.url}/v1/b`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: SITE }, body: JSON.stringify(batch) })).status).toBe(200);
    await until(() => arrived('br-beacon').length === 2);
    expect(arrived('br-beacon').map((message) => message.type)).toEqual(['pricing_left', 'page_visit']);
  });

  describe('a source with allowed origins', () => {
    const native = (origin: string | undefined, leadId: string) =>
      fetch(`${ingest.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${restricted.key}`, ...(origin === undefined ? {} : { origin }) },
        body: JSON.stringify({ leadId, type: 'page_visit' }),
      });
    const segment = (origin: string, leadId: string, path = '/v1/t') =>
      fetch(`${ingest.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: basic(restricted.key), origin }, body: JSON.stringify({ userId: leadId, event: 'Visited', type: 'track' }) });

    it('takes calls from a listed origin, and calls without Origin (servers)', async () => {
      expect((await native(SITE, 'br-listed')).status).toBe(202);
      expect((await native(undefined, 'br-server')).status).toBe(202);
      expect((await segment(SITE, 'br-listed')).status).toBe(200);
      await until(() => arrived('br-listed').length === 2 && arrived('br-server').length === 1);
    });

    it('refuses a browser call from another origin: 403 with the native body, readable by the browser, counted', async () => {
      const before = await metric('leadscore_ingest_origin_refused_total', 'route="native"');
      const response = await native(OTHER_SITE, 'br-refused-native');
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.json()).toEqual({ errors: [{ path: 'origin', message: 'this source\'s write key may not be used from this web origin' }] });
      expect(await metric('leadscore_ingest_origin_refused_total', 'route="native"')).toBe(before + 1);
    });

    it.each(['/v1/t', '/v1/track', '/v1/batch'])('refuses it on the Segment route %s with the Segment error body', async (path) => {
      const before = await metric('leadscore_ingest_origin_refused_total', 'route="segment"');
      const response = await segment(OTHER_SITE, 'br-refused-segment', path);
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.json()).toMatchObject({ success: false, errors: [{ path: 'origin' }] });
      expect(await metric('leadscore_ingest_origin_refused_total', 'route="segment"')).toBe(before + 1);
    });

    it('answers the pixel\'s GIF to another origin and records nothing', async () => {
      const before = await metric('leadscore_pixel_hits_total', 'outcome="origin_refused"');
      const response = await fetch(`${ingest.url}/v1/pixel.gif?k=${restricted.key}&lead=br-refused-pixel`, { headers: { origin: OTHER_SITE } });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(TRANSPARENT_GIF);
      expect(await metric('leadscore_pixel_hits_total', 'outcome="origin_refused"')).toBe(before + 1);
      // An <img> sends no Origin: an email open still counts.
      await fetch(`${ingest.url}/v1/pixel.gif?k=${restricted.key}&lead=br-pixel-img`);
      await until(() => arrived('br-pixel-img').length === 1);
    });

    it('let none of the refused calls reach Kafka', async () => {
      await settle();
      expect(ingest.received.filter((message) => message.leadId.startsWith('br-refused'))).toEqual([]);
    });

    it('applies a changed list at once when the change is announced, though ingest had the key cached', async () => {
      expect((await native(OTHER_SITE, 'br-refused-before-change')).status).toBe(403);
      // What PATCH /v1/sources/{id} does (apps/admin/src/sources/update-source): store, then announce.
      await keys.setAllowedOrigins(restricted.id, [SITE, OTHER_SITE]);
      await publisher.publish(writeKeyRevokedChannel(ingest.config.namespace), restricted.id);
      const changedAt = Date.now();
      let status = (await native(OTHER_SITE, 'br-after-change')).status;
      while (status !== 202 && Date.now() - changedAt < 2000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await native(OTHER_SITE, 'br-after-change')).status;
      }
      expect(status).toBe(202);
      expect(Date.now() - changedAt).toBeLessThan(2000);
    });
  });

  it('points analytics.js at the address the browser used: X-Forwarded-Host and -Proto from a proxy, else Host over http', async () => {
    const direct = (await (await fetch(`${ingest.url}/v1/projects/${OPEN_KEY}/settings`)).json()) as { integrations: Record<string, unknown> };
    expect(direct.integrations['Segment.io']).toMatchObject({ apiKey: OPEN_KEY, apiHost: `${new URL(ingest.url).host}/v1`, protocol: 'http' });
    const proxied = await fetch(`${ingest.url}/v1/projects/${OPEN_KEY}/settings`, { headers: { 'x-forwarded-host': 'ingest.example.com', 'x-forwarded-proto': 'https', origin: SITE } });
    expect(proxied.headers.get('access-control-allow-origin')).toBe('*');
    expect(proxied.headers.get('cache-control')).toBe('no-store');
    expect(((await proxied.json()) as { integrations: Record<string, unknown> }).integrations['Segment.io']).toMatchObject({ apiHost: 'ingest.example.com/v1', protocol: 'https' });
  });
});

describe('the settings answer behind a proxy, with INGEST_PUBLIC_URL', () => {
  let ingest: IngestUnderTest;

  beforeAll(async () => {
    ingest = await startIngest({ suite: 'ingest-public-url', writeKeys: [], env: { INGEST_PUBLIC_URL: 'https://www.example.com/leadscore/' } });
  });

  afterAll(async () => {
    await ingest?.close();
  });

  it('points analytics.js at INGEST_PUBLIC_URL whatever the request\'s Host and X-Forwarded-* say', async () => {
    const response = await fetch(`${ingest.url}/v1/projects/any-key/settings`, { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' } });
    expect(response.status).toBe(200);
    const settings = (await response.json()) as { integrations: Record<string, unknown> };
    expect(settings.integrations['Segment.io']).toMatchObject({ apiKey: 'any-key', apiHost: 'www.example.com/leadscore/v1', protocol: 'https' });
  });
});
