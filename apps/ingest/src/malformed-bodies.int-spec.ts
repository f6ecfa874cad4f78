import fc from 'fast-check';
import { type IngestUnderTest, settle, startIngest } from './testing/ingest-under-test';

const WRITE_KEY = 'it-fuzz-write-key';
const BASIC = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
const ROUTES = ['/v1/events', ...['track', 'identify', 'page', 'screen', 'group', 'alias', 'batch', 't', 'i', 'p', 's', 'g', 'a', 'b'].map((route) => `/v1/${route}`)];
const CONTENT_TYPES = ['application/json', 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'application/octet-stream', ''];
// Ids that break the leadId alphabet: each body built on them is invalid by construction.
const BAD_ID = fc.oneof(fc.constant(''), fc.constant('has space'), fc.constant('x'.repeat(129)), fc.string({ minLength: 1, maxLength: 8 }).map((text) => `${text} é`));

/** Bodies that must never become an event: text that is not JSON, JSON of the wrong shape, events with a broken id. */
const MALFORMED_BODY = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.constantFrom('{', '[]', 'null', '"x"', '{"batch": {}}', '{"events": "no"}', '{"batch": [null]}', '\u0000', '{"userId": {"$gt": ""}}'),
  BAD_ID.map((id) => JSON.stringify({ userId: id, leadId: id, anonymousId: id, type: 'track', event: 'Clicked', previousId: 'p' })),
  BAD_ID.map((id) => JSON.stringify({ batch: [{ type: 'track', userId: id, event: 'x' }], events: [{ leadId: id, type: 'page_visit' }] })),
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify({ userId: 'fuzz-lead', event: value, timestamp: value, type: value, properties: value }).replace('"fuzz-lead"', '"fuzz lead"')),
);

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(120_000);

describe('malformed input to every ingest endpoint (fast-check, fixed seed)', () => {
  let ingest: IngestUnderTest;

  beforeAll(async () => {
    ingest = await startIngest({ suite: 'ingest-fuzz', writeKeys: [WRITE_KEY], env: { INGEST_RATE_PER_SECOND: '100000', INGEST_RATE_BURST: '100000', LOG_LEVEL: 'error' } });
  });

  afterAll(async () => {
    await ingest?.close();
  });

  it('answers a 4xx to every malformed body, never a 5xx, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), MALFORMED_BODY, fc.constantFrom(...CONTENT_TYPES), fc.boolean(), async (route, body, contentType, bearer) => {
        const headers: Record<string, string> = { authorization: bearer ? `Bearer ${WRITE_KEY}` : BASIC };
        if (contentType) headers['content-type'] = contentType;
        const response = await fetch(`${ingest.url}${route}`, { method: 'POST', headers, body });
        await response.arrayBuffer();
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { seed: 20261123, numRuns: 200 },
    );
    await settle();
    expect(ingest.received).toEqual([]);
  });

  it('answers the GIF to every malformed pixel hit, and records none', async () => {
    const param = fc.tuple(fc.constantFrom('k', 'lead', 'type', 'x', 'lead[]', '__proto__', 'constructor'), fc.string({ maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(BAD_ID, fc.array(param, { maxLength: 4 }), fc.boolean(), async (lead, params, withKey) => {
        const query = new URLSearchParams(params.filter(([name]) => name !== 'lead' && name !== 'k'));
        query.append('lead', lead);
        if (withKey) query.append('k', WRITE_KEY);
        const response = await fetch(`${ingest.url}/v1/pixel.gif?${query.toString()}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/gif');
        await response.arrayBuffer();
      }),
      { seed: 20261123, numRuns: 100 },
    );
    await settle();
    expect(ingest.received).toEqual([]);
  });
});
