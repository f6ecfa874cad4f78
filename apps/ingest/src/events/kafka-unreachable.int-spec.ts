import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@leadscore/config';
import { JsonLogger } from '@leadscore/observability';
import { migratedDatabase } from '@test/support/test-database';
import { createPgPool, WriteKeyRepository } from '@leadscore/persistence';
import { createIngestApp } from '../create-ingest-app';
import { PROBE_INTERVAL_MS } from './kafka-event-log';

// The shared broker keeps running: this app is pointed at a closed port instead.
const servers = {
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};
const CLOSED_PORT_BROKER = '127.0.0.1:1';
const WRITE_KEY = 'it-ingest-down-write-key';
const ANSWER_WITHIN_MS = 5000;

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

describe('POST /v1/events when Kafka is unreachable', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    const databaseUrl = await migratedDatabase(servers.databaseUrl, 'leadscore_test_ingest_down');
    await migrateAndSeed(databaseUrl, [WRITE_KEY]);
    const config = loadConfig({
      KAFKA_BROKERS: CLOSED_PORT_BROKER, DATABASE_URL: databaseUrl, REDIS_URL: servers.redisUrl,
      LEADSCORE_NAMESPACE: `t-ingest-down-${Date.now().toString(36)}`,
    });
    app = await createIngestApp({ config, logger: new JsonLogger('ingest', 'error', () => undefined), port: 0 });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  const post = (body: unknown) =>
    fetch(`${url}/v1/events`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_KEY}`, origin: 'https://www.example.com' } });

  it('answers 503 within 5 s, never a 2xx, for single events and batches at once', async () => {
    const started = Date.now();
    const responses = await Promise.all([
      post({ leadId: 'lead-1', type: 'page_visit' }),
      post({ events: [{ leadId: 'lead-2', type: 'email_open' }, { leadId: 'lead-3', type: 'email_click' }] }),
    ]);
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    for (const response of responses) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      // A browser reads the 503 (and retries) only if CORS allows it.
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.json()).toEqual({ errors: [{ path: '', message: 'the event log cannot take events right now; retry later' }] });
    }
  });

  it('keeps answering 503 within 5 s on the next request: a failed connection does not wedge the app', async () => {
    const started = Date.now();
    const response = await post({ leadId: 'lead-4', type: 'page_visit' });
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
  });

  it('still checks the input first between probes: a bad event is a 400, not a 503', async () => {
    // Right after a failed send (or while a probe is out) POSTs are 503 unread; then one is read again.
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    const response = await post({ type: 'page_visit' });
    expect(response.status).toBe(400);
  });

  it('answers 503 on the Segment routes too, so that the SDKs retry', async () => {
    const started = Date.now();
    const response = await fetch(`${url}/v1/batch`, {
      method: 'POST',
      body: JSON.stringify({ batch: [{ type: 'track', userId: 'lead-5', event: 'Clicked' }] }),
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`, origin: 'https://www.example.com' },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    expect(await response.json()).toMatchObject({ success: false });
  });

  it('is not ready, and names Kafka as the reason', async () => {
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(503);
    const report = (await response.json()) as { checks: Record<string, string> };
    expect(report.checks.kafka).toMatch(/^down/);
    expect(report.checks.postgres).toBe('up');
  });
});

async function migrateAndSeed(databaseUrl: string, keys: string[]): Promise<void> {
  const pool = createPgPool(databaseUrl, 1);
  await new WriteKeyRepository(pool).seed(keys);
  await pool.end();
}

