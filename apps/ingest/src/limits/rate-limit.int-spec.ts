import { type IngestUnderTest, settle, startIngest } from '../testing/ingest-under-test';

const WRITE_KEY = 'it-rate-limit-write-key';
const OTHER_KEY = 'it-rate-limit-other-key';

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

describe('per-source rate limit (token bucket in Redis)', () => {
  let ingest: IngestUnderTest;

  beforeAll(async () => {
    ingest = await startIngest({ suite: 'ingest-rate-limit', writeKeys: [WRITE_KEY, OTHER_KEY], env: { INGEST_RATE_PER_SECOND: '1', INGEST_RATE_BURST: '3' } });
  });

  afterAll(async () => {
    await ingest?.close();
  });

  const postEvent = (key: string, leadId: string) =>
    fetch(`${ingest.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ leadId, type: 'page_visit' }),
    });

  // Empties the source's bucket (it refills at 1 token/s while a test waits for Kafka).
  const drain = async (key: string) => {
    for (let i = 0; i < 10; i++) if ((await postEvent(key, 'rl-drain')).status === 429) return;
    throw new Error('the bucket did not run dry');
  };

  it('takes a burst, then answers 429 with Retry-After; nothing over the limit reaches Kafka', async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const response = await postEvent(WRITE_KEY, `rl-lead-${i}`);
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    // The bucket refills at 1/s: at most one more may have slipped in while the six went out.
    expect(statuses.slice(0, 3)).toEqual([202, 202, 202]);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    expect(refused?.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await refused?.json()).toEqual({ errors: [{ path: '', message: expect.stringContaining('rate limit') as unknown }] });

    await settle();
    const accepted = statuses.flatMap((status, i) => (status === 202 ? [`rl-lead-${i}`] : []));
    expect(ingest.received.map((message) => message.leadId).sort()).toEqual(accepted.sort());
  });

  it('counts each source apart', async () => {
    expect((await postEvent(OTHER_KEY, 'rl-other')).status).toBe(202);
  });

  it('answers the Segment routes with 429, success false, so that the SDKs back off', async () => {
    await drain(WRITE_KEY);
    const response = await fetch(`${ingest.url}/v1/track`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'rl-segment', event: 'x' }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await response.json()).toMatchObject({ success: false });
  });

  it('still answers the GIF to a pixel over the limit, and records nothing', async () => {
    await drain(WRITE_KEY);
    const response = await fetch(`${ingest.url}/v1/pixel.gif?k=${WRITE_KEY}&lead=rl-pixel`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    await settle(1000);
    expect(ingest.received.filter((message) => message.leadId === 'rl-pixel')).toEqual([]);
    expect(await (await fetch(`${ingest.url}/metrics`)).text()).toMatch(/leadscore_pixel_hits_total\{outcome="rate_limited"[^}]*\} 1/);
  });
});
