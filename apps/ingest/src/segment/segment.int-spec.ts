import { type IngestUnderTest, settle, startIngest, until } from '../testing/ingest-under-test';

const WRITE_KEY = 'it-segment-write-key';
const BASIC = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
const JSON_TYPE = { 'content-type': 'application/json', authorization: BASIC };

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

describe('Segment HTTP Tracking API against real Kafka, PostgreSQL and Redis', () => {
  let ingest: IngestUnderTest;
  const post = (path: string, body: unknown, headers: Record<string, string> = JSON_TYPE) =>
    fetch(`${ingest.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const arrived = (leadId: string) => ingest.received.filter((message) => message.leadId === leadId);

  beforeAll(async () => {
    ingest = await startIngest({ suite: 'ingest-segment', writeKeys: [WRITE_KEY] });
  });

  afterAll(async () => {
    await ingest?.close();
  });

  it('answers {"success": true} to a track once it is in Kafka, mapped to a native event', async () => {
    const response = await post('/v1/track', {
      userId: 'seg-track', messageId: 'seg-m-1', event: 'Whitepaper Downloaded', properties: { asset: 'guide' },
      timestamp: '2026-03-01T10:00:00Z', context: { campaign: { source: 'newsletter' } },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true });
    await until(() => arrived('seg-track').length === 1);
    expect(arrived('seg-track')[0]).toMatchObject({
      eventId: 'seg-m-1', type: 'whitepaper_downloaded', occurredAt: '2026-03-01T10:00:00.000Z', source: 'newsletter',
      properties: { asset: 'guide' }, traits: null, sourceKeyId: expect.stringMatching(/^dev-/) as unknown,
    });
  });

  it('takes analytics.js requests: text/plain JSON on a short route, the write key in the body, CORS open', async () => {
    const response = await post('/v1/p', JSON.stringify({ anonymousId: 'seg-anon', writeKey: WRITE_KEY, properties: { url: 'https://x.test/pricing' } }), { 'content-type': 'text/plain;charset=UTF-8' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    await until(() => arrived('seg-anon').length === 1);
    expect(arrived('seg-anon')[0]).toMatchObject({ type: 'page_visit', properties: { url: 'https://x.test/pricing' } });
  });

  it('takes a batch of mixed calls, identify traits and alias included', async () => {
    const response = await post('/v1/batch', {
      sentAt: '2026-03-01T10:00:00Z',
      batch: [
        { type: 'identify', userId: 'seg-batch', anonymousId: 'seg-batch-anon', traits: { email: 'a@b.test' }, timestamp: '2026-03-01T10:00:00Z' },
        { type: 'alias', userId: 'seg-batch', previousId: 'seg-batch-anon' },
        { type: 'screen', userId: 'seg-batch', name: 'Home' },
      ],
    });
    expect(response.status).toBe(200);
    await until(() => arrived('seg-batch').length === 3);
    expect(arrived('seg-batch').map((message) => [message.type, message.properties, message.traits])).toEqual([
      ['identify', { anonymousId: 'seg-batch-anon' }, { email: 'a@b.test' }],
      ['alias', { previousId: 'seg-batch-anon' }, null],
      ['screen_view', { name: 'Home' }, null],
    ]);
  });

  it.each([
    ['a userId outside the leadId alphabet', '/v1/track', { userId: 'not ok', event: 'x' }, JSON_TYPE, 400, 'userId'],
    ['a batch with one bad call', '/v1/b', { batch: [{ type: 'track', userId: 'seg-bad-1', event: 'x' }, { type: 'track', userId: 'seg-bad-1' }] }, JSON_TYPE, 400, 'batch.1.event'],
    ['properties over 16 KiB', '/v1/t', { userId: 'seg-bad-2', event: 'x', properties: { blob: 'x'.repeat(17 * 1024) } }, JSON_TYPE, 400, 'properties'],
    ['a call over 32 KB in a batch', '/v1/batch', { batch: [{ type: 'track', userId: 'seg-bad-3', event: 'x', properties: { blob: 'x'.repeat(33 * 1024) } }] }, JSON_TYPE, 400, 'batch.0'],
    ['a text/plain body that is not JSON', '/v1/track', 'not json', { 'content-type': 'text/plain', authorization: BASIC }, 400, 'body'],
    ['no write key', '/v1/track', { userId: 'seg-bad-4', event: 'x' }, { 'content-type': 'application/json' }, 401, 'authorization'],
    ['a wrong write key in the body', '/v1/track', { userId: 'seg-bad-5', event: 'x', writeKey: 'nope' }, { 'content-type': 'application/json' }, 401, 'authorization'],
    ['a form body', '/v1/track', 'userId=x', { 'content-type': 'application/x-www-form-urlencoded', authorization: BASIC }, 415, 'content-type'],
    ['a batch over 500 KB', '/v1/batch', { batch: Array.from({ length: 20 }, (_, i) => ({ type: 'track', userId: `seg-big-${i}`, event: 'x', properties: { blob: 'x'.repeat(30_000) } })) }, JSON_TYPE, 413, 'body'],
  ])('refuses %s: success false and the field named', async (_name, path, body, headers, status, errorPath) => {
    const response = await post(path, body, headers);
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { success: boolean; errors: Array<{ path: string }> };
    expect(answer.success).toBe(false);
    expect(answer.errors.map((error) => error.path)).toContain(errorPath);
  });

  it('let none of the refused requests reach Kafka', async () => {
    await settle();
    expect(ingest.received.filter((message) => message.leadId.startsWith('seg-bad') || message.leadId.startsWith('seg-big'))).toEqual([]);
  });

  const metric = async (prefix: string) => {
    const text = await (await fetch(`${ingest.url}/metrics`)).text();
    return text.split('\n').filter((row) => row.startsWith(prefix)).reduce((sum, row) => sum + Number(row.split(' ').pop()), 0);
  };

  it.each([
    ['Sec-GPC: 1 on a track', '/v1/track', { 'sec-gpc': '1' }, { userId: 'seg-gpc-1', event: 'Pricing Viewed', traits: { email: 'gpc@x.test' } }],
    ['DNT: 1 on a batch sent as text/plain', '/v1/b', { dnt: '1' }, { writeKey: WRITE_KEY, batch: [{ type: 'identify', userId: 'seg-gpc-2', traits: { email: 'dnt@x.test' } }] }],
    ['Sec-GPC: 1 with no write key at all', '/v1/page', { 'sec-gpc': '1' }, { anonymousId: 'seg-gpc-3' }],
  ])('answers success to %s, records nothing and counts it only as opted out', async (_name, path, privacy, body) => {
    const accepted = await metric('leadscore_ingest_events_total{outcome="accepted"}');
    const optedOut = await metric('leadscore_segment_opted_out_total');
    const contentType = path === '/v1/b' ? 'text/plain' : 'application/json';
    const headers: Record<string, string> = { 'content-type': contentType, ...privacy, ...(path === '/v1/track' ? { authorization: BASIC } : {}) };
    const response = await post(path, body, headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true });
    await settle();
    expect(ingest.received.filter((message) => message.leadId.startsWith('seg-gpc'))).toEqual([]);
    expect(await metric('leadscore_ingest_events_total{outcome="accepted"}')).toBe(accepted);
    expect(await metric('leadscore_segment_opted_out_total')).toBe(optedOut + 1);
  });

  it('serves the settings analytics.js loads, pointing it back at this server', async () => {
    const response = await fetch(`${ingest.url}/v1/projects/${WRITE_KEY}/settings`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const settings = (await response.json()) as { integrations: Record<string, { apiKey: string; apiHost: string }>; plan: object };
    expect(settings.integrations['Segment.io']).toMatchObject({ apiKey: WRITE_KEY, apiHost: `${new URL(ingest.url).host}/v1` });
    expect(settings.plan).toHaveProperty('track');
  });
});
