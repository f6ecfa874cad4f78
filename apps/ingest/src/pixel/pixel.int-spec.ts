import { type IngestUnderTest, settle, startIngest, until } from '../testing/ingest-under-test';
import { TRANSPARENT_GIF } from './pixel-hit';

const WRITE_KEY = 'it-pixel-write-key';

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

describe('GET /v1/pixel.gif against real Kafka, PostgreSQL and Redis', () => {
  let ingest: IngestUnderTest;
  const hit = (query: string, headers: Record<string, string> = {}) => fetch(`${ingest.url}/v1/pixel.gif?${query}`, { headers });
  const counted = async (outcome: string) => {
    const text = await (await fetch(`${ingest.url}/metrics`)).text();
    const line = text.split('\n').find((row) => row.startsWith(`leadscore_pixel_hits_total{outcome="${outcome}"`));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  };

  beforeAll(async () => {
    ingest = await startIngest({ suite: 'ingest-pixel', writeKeys: [WRITE_KEY] });
  });

  afterAll(async () => {
    await ingest?.close();
  });

  it.each([
    ['a good hit', `k=${WRITE_KEY}&lead=px-good&campaign=spring&variant=b`],
    ['a good hit with its own type', `k=${WRITE_KEY}&lead=px-click&type=email_click`],
    ['no key', 'lead=px-bad-1'],
    ['a wrong key', 'k=nope&lead=px-bad-2'],
    ['no lead', `k=${WRITE_KEY}&campaign=spring`],
    ['a lead outside the alphabet', `k=${WRITE_KEY}&lead=px%20bad`],
    ['a bad type', `k=${WRITE_KEY}&lead=px-bad-3&type=Not-A-Type`],
    ['the lead twice', `k=${WRITE_KEY}&lead=px-bad-4&lead=px-bad-5`],
  ])('answers %s with the 1×1 GIF, never cached', async (_name, query) => {
    const response = await hit(query);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(TRANSPARENT_GIF);
  });

  it('recorded only the good hits, before the GIF went out, with the other parameters as properties', async () => {
    await until(() => ingest.received.length >= 2);
    await settle();
    expect(ingest.received.map((message) => [message.leadId, message.type, message.properties])).toEqual([
      ['px-good', 'email_open', { campaign: 'spring', variant: 'b' }],
      ['px-click', 'email_click', {}],
    ]);
    await expect(counted('recorded')).resolves.toBe(2);
    await expect(counted('unauthorized')).resolves.toBe(2);
    await expect(counted('invalid')).resolves.toBe(4);
  });

  it.each([['Sec-GPC', { 'sec-gpc': '1' }], ['DNT', { dnt: '1' }]])('answers the GIF and records nothing under %s: 1', async (_name, headers) => {
    const before = ingest.received.length;
    const response = await hit(`k=${WRITE_KEY}&lead=px-private`, headers);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(TRANSPARENT_GIF);
    await settle(500);
    expect(ingest.received.length).toBe(before);
  });

  it('logs no lead id, key or property from the query', () => {
    const logged = ingest.logLines.join('\n');
    for (const secret of ['px-good', 'px-bad', WRITE_KEY, 'spring']) expect(logged).not.toContain(secret);
  });
});
