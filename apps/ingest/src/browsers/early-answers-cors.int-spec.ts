import { type IngestUnderTest, startIngest } from '../testing/ingest-under-test';

const KEY = 'it-early-answers-key';
const SITE = 'https://www.example.com';

jest.setTimeout(60_000);

/**
 * Answers given before any route runs (the per-address limit checked before authentication) are
 * still read by a browser: analytics.js must see a 429 as a 429, not as a CORS failure it retries.
 */
describe('answers given before authentication carry CORS headers, against real Kafka, PostgreSQL and Redis', () => {
  let ingest: IngestUnderTest;

  beforeAll(async () => {
    ingest = await startIngest({
      suite: 'ingest-early-cors', writeKeys: [KEY],
      env: { INGEST_ADDRESS_RATE_PER_SECOND: '1', INGEST_ADDRESS_RATE_BURST: '2' },
    });
  });

  afterAll(async () => {
    await ingest?.close();
  });

  it('a 429 of the per-address limit has Access-Control-Allow-Origin, on the native and the Segment routes', async () => {
    const post = (path: string) => fetch(`${ingest.url}${path}`, {
      method: 'POST',
      headers: { origin: SITE, 'content-type': 'text/plain', authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` },
      body: JSON.stringify({ anonymousId: 'early-1', event: 'Clicked' }),
    });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await post(i % 2 === 0 ? '/v1/t' : '/v1/events'));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const answer of limited) {
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(answer.headers.get('retry-after')).not.toBeNull();
    }
  });
});
