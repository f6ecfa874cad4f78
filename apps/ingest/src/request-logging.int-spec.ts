import { type IngestUnderTest, startIngest, until } from './testing/ingest-under-test';

const WRITE_KEY = 'it-logging-write-key';
const EMAIL = 'ana.lima@acme.test';

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

describe('request ids and what ingest logs, against real Kafka, PostgreSQL and Redis', () => {
  let ingest: IngestUnderTest;
  const records = () => ingest.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const accessLineOf = (requestId: string | null) => records().find((line) => line.msg === 'request' && line.requestId === requestId);
  const postEvents = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${ingest.url}/v1/events`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_KEY}`, ...headers } });

  beforeAll(async () => {
    ingest = await startIngest({ suite: 'ingest-logging', writeKeys: [WRITE_KEY] });
  });

  afterAll(async () => {
    await ingest?.close();
  });

  it('puts the request id it answers on every Kafka message of that request', async () => {
    const response = await postEvents({ events: [{ leadId: 'rid-1', type: 'page_visit' }, { leadId: 'rid-2', type: 'page_visit' }] });
    expect(response.status).toBe(202);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => ingest.received.filter((message) => message.leadId.startsWith('rid-')).length === 2);
    const carried = ingest.received.flatMap((message, index) => (message.leadId.startsWith('rid-') ? [ingest.requestIds[index]] : []));
    expect(carried).toEqual([requestId, requestId]);
  });

  it("carries a caller's safe X-Request-Id through to Kafka", async () => {
    const response = await postEvents({ leadId: 'rid-own', type: 'page_visit' }, { 'x-request-id': 'lb-5e1d2c' });
    expect(response.headers.get('x-request-id')).toBe('lb-5e1d2c');
    await until(() => ingest.received.some((message) => message.leadId === 'rid-own'));
    expect(ingest.requestIds[ingest.received.findIndex((message) => message.leadId === 'rid-own')]).toBe('lb-5e1d2c');
  });

  it('logs one line per request, and never the email of a trait, the write key or the pixel’s query', async () => {
    const identify = await postEvents({ leadId: 'rid-ana', type: 'identify', traits: { email: EMAIL, company: 'Acme Logistics' } });
    expect(identify.status).toBe(202);
    const pixel = await fetch(`${ingest.url}/v1/pixel.gif?k=${WRITE_KEY}&lead=rid-pixel-lead&campaign=spring-secret`);
    expect(pixel.status).toBe(200);
    await until(() => ingest.received.some((message) => message.leadId === 'rid-pixel-lead'));
    expect(accessLineOf(identify.headers.get('x-request-id'))).toMatchObject({ level: 'info', method: 'POST', route: '/v1/events', status: 202 });
    expect(accessLineOf(pixel.headers.get('x-request-id'))).toMatchObject({ level: 'info', method: 'GET', route: '/v1/pixel.gif', status: 200 });
    const logged = ingest.logLines.join('\n');
    for (const secret of [EMAIL, 'Acme Logistics', WRITE_KEY, 'rid-pixel-lead', 'spring-secret']) expect(logged).not.toContain(secret);
  });
});
