import { type IngestUnderTest, settle, startIngest } from './testing/ingest-under-test';

const WRITE_KEY = 'it-error-answers-write-key';
const BASIC = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;

jest.setTimeout(60_000);

describe('error answers against real Kafka, PostgreSQL and Redis', () => {
  let ingest: IngestUnderTest;
  const send = (path: string, init: { method?: string; body?: string; headers?: Record<string, string> }) =>
    fetch(`${ingest.url}${path}`, { method: init.method ?? 'POST', body: init.body, headers: init.headers });

  beforeAll(async () => {
    // A burst of 3 per source: the fourth call of the 429 case is over it.
    ingest = await startIngest({ suite: 'ingest-error-answers', writeKeys: [WRITE_KEY], env: { INGEST_RATE_PER_SECOND: '1', INGEST_RATE_BURST: '3' } });
  });

  afterAll(async () => {
    await ingest?.close();
  });

  describe('every 4xx of a Segment route says "success": false', () => {
    async function expectRefused(response: Response, status: number): Promise<void> {
      expect(response.status).toBe(status);
      const body = (await response.json()) as { success?: unknown; errors?: unknown };
      expect(body.success).toBe(false);
      expect(Array.isArray(body.errors)).toBe(true);
    }

    it('a JSON body that does not parse (Fastify refuses it before the route): 400', async () => {
      await expectRefused(await send('/v1/track', { body: '{"userId": ', headers: { 'content-type': 'application/json', authorization: BASIC } }), 400);
    });

    it('a text/plain body that is not JSON: 400', async () => {
      await expectRefused(await send('/v1/t', { body: 'not json', headers: { 'content-type': 'text/plain', authorization: BASIC } }), 400);
    });

    it('an XML content type: 415', async () => {
      await expectRefused(await send('/v1/track', { body: '<track/>', headers: { 'content-type': 'application/xml', authorization: BASIC } }), 415);
    });

    it('a route that does not exist (GET on a POST route): 404', async () => {
      await expectRefused(await send('/v1/batch', { method: 'GET' }), 404);
    });

    it('a body over the limit: 413', async () => {
      const body = JSON.stringify({ userId: 'big', event: 'E', properties: { pad: 'x'.repeat(1_100_000) } });
      await expectRefused(await send('/v1/track', { body, headers: { 'content-type': 'application/json', authorization: BASIC } }), 413);
    });

    it('no write key, and a wrong one: 401', async () => {
      const body = JSON.stringify({ userId: 'u', event: 'E' });
      await expectRefused(await send('/v1/track', { body, headers: { 'content-type': 'application/json' } }), 401);
      const wrong = `Basic ${Buffer.from('not-a-key:').toString('base64')}`;
      await expectRefused(await send('/v1/track', { body, headers: { 'content-type': 'application/json', authorization: wrong } }), 401);
    });

    it('over the source\'s rate limit: 429', async () => {
      const call = () => send('/v1/track', { body: JSON.stringify({ userId: 'rate', event: 'E' }), headers: { 'content-type': 'application/json', authorization: BASIC } });
      const statuses: number[] = [];
      let refused: Response | undefined;
      for (let i = 0; i < 6 && !refused; i++) {
        const response = await call();
        statuses.push(response.status);
        if (response.status === 429) refused = response;
        else await response.arrayBuffer();
      }
      expect(refused).toBeDefined();
      await expectRefused(refused as Response, 429);
    });
  });

  describe('a field supplied only through __proto__ or constructor.prototype', () => {
    it('is reported missing on its own path on the native API, not as the body', async () => {
      await settle(1100); // the token bucket refills from the 429 case
      const response = await send('/v1/events', {
        body: '{"__proto__": {"leadId": "proto-lead"}, "type": "page_visit"}',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_KEY}` },
      });
      expect(response.status).toBe(400);
      const { errors } = (await response.json()) as { errors: Array<{ path: string }> };
      expect(errors.map((error) => error.path)).toEqual(['leadId']);
    });

    it('is reported on its path inside a batch, through constructor.prototype', async () => {
      await settle(1100);
      const response = await send('/v1/events', {
        body: '{"events": [{"leadId": "l1", "type": "page_visit"}, {"constructor": {"prototype": {"leadId": "proto-lead"}}, "type": "page_visit"}]}',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_KEY}` },
      });
      expect(response.status).toBe(400);
      const { errors } = (await response.json()) as { errors: Array<{ path: string }> };
      expect(errors.map((error) => error.path)).toEqual(['events.1.leadId']);
    });

    it('is reported missing on a Segment text/plain body too', async () => {
      await settle(1100);
      const response = await send('/v1/t', {
        body: JSON.stringify({ writeKey: WRITE_KEY }).replace('{', '{"__proto__": {"userId": "proto-lead"}, "event": "E", '),
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { success: boolean; errors: Array<{ path: string }> };
      expect(body.success).toBe(false);
      expect(body.errors.map((error) => error.path)).toEqual(['userId']);
    });

    it('let nothing refused reach Kafka (only the rate case\'s calls under the limit did)', async () => {
      await settle();
      expect(ingest.received.filter((message) => message.leadId !== 'rate')).toEqual([]);
    });
  });
});
