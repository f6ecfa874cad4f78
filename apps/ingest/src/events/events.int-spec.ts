import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Admin, type Consumer } from 'kafkajs';
import { loadConfig } from '@leadscore/config';
import { type LeadEventMessage, TOPICS, type TopicKey, topicName } from '@leadscore/contracts';
import { JsonLogger } from '@leadscore/observability';
import { outsideKafka } from '@test/support/outside-kafka';
import { freshDatabase } from '@test/support/test-database';
import { createPgPool, WriteKeyRepository } from '@leadscore/persistence';
import { createIngestApp } from '../create-ingest-app';
import { prepareIngest } from '../prepare-ingest';

// Real Kafka, PostgreSQL and Redis (test/setup/global-setup.ts sets these; defaults = scripts/services.sh).
const servers = {
  kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};
const NAMESPACE = `t-ingest-${Date.now().toString(36)}`;
const TOPIC = topicName(NAMESPACE, 'leadEvents');
const WRITE_KEY = 'it-ingest-write-key';
const ADMIN_TOKEN = 'it-ingest-admin-token';
const JSON_TYPE = { 'content-type': 'application/json' };
const BEARER = { ...JSON_TYPE, authorization: `Bearer ${WRITE_KEY}` };

interface Received {
  key: string;
  partition: number;
  value: LeadEventMessage;
}

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

describe('POST /v1/events against real Kafka, PostgreSQL and Redis', () => {
  let app: NestFastifyApplication;
  let url: string;
  let kafkaAdmin: Admin;
  let consumer: Consumer;
  let writeKeys: WriteKeyRepository;
  let closePool: () => Promise<void>;
  const received: Received[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    const databaseUrl = await freshDatabase(servers.databaseUrl, 'leadscore_test_ingest');
    const config = loadConfig({
      KAFKA_BROKERS: servers.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: servers.redisUrl, LEADSCORE_NAMESPACE: NAMESPACE,
      KAFKA_PARTITIONS: '2', INGEST_WRITE_KEYS: `${WRITE_KEY},${ADMIN_TOKEN}`, ADMIN_TOKEN, LOG_LEVEL: 'debug',
    });
    const logger = new JsonLogger('ingest', 'debug', (line) => logLines.push(line));
    await prepareIngest(config, logger);
    app = await createIngestApp({ config, logger, port: 0 });
    url = await app.getUrl();

    const kafka = outsideKafka('ingest-it-reader', servers.kafkaBrokers);
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    consumer = kafka.consumer({ groupId: `${NAMESPACE}.reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        received.push({ key: String(message.key), partition, value: JSON.parse(String(message.value)) as LeadEventMessage });
      },
    });
    const pool = createPgPool(databaseUrl, 1);
    writeKeys = new WriteKeyRepository(pool);
    closePool = () => pool.end();
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await kafkaAdmin?.deleteTopics({ topics: (Object.keys(TOPICS) as TopicKey[]).map((key) => topicName(NAMESPACE, key)) }).catch(() => undefined);
    await kafkaAdmin?.disconnect();
    await closePool?.();
    await app?.close();
  });

  const post = (body: string, headers: Record<string, string> = BEARER, query = '') =>
    fetch(`${url}/v1/events${query}`, { method: 'POST', body, headers });
  const eventsOf = (leadId: string) => received.filter((message) => message.key === leadId);

  describe('valid events', () => {
    it('answers 202 with the eventId once the event is in Kafka, keyed by leadId', async () => {
      const before = Date.now();
      const event = { eventId: 'it-evt-1', leadId: 'it-lead-single', type: 'page_visit', occurredAt: '2026-03-01T10:30:00+01:00', source: 'salon-2026', properties: { url: '/pricing' } };
      const response = await post(JSON.stringify(event));
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ accepted: 1, eventIds: ['it-evt-1'] });

      await until(() => eventsOf('it-lead-single').length === 1);
      const { value } = eventsOf('it-lead-single')[0];
      expect(value).toEqual({
        v: 1, eventId: 'it-evt-1', leadId: 'it-lead-single', type: 'page_visit', occurredAt: '2026-03-01T09:30:00.000Z',
        receivedAt: expect.any(String), source: 'salon-2026', properties: { url: '/pricing' }, traits: null, sourceKeyId: expect.stringMatching(/^dev-/), producer: 'public',
      });
      expect(Date.parse(value.receivedAt)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('takes a batch whole, generates missing eventIds and keeps each lead\'s events in order on one partition', async () => {
      const batch = {
        events: [
          { leadId: 'it-lead-a', type: 'email_open' },
          { leadId: 'it-lead-b', type: 'identify', traits: { company: 'Acme', companySize: 1200 } },
          { leadId: 'it-lead-a', type: 'email_click', properties: { campaign: 'spring' } },
          { leadId: 'it-lead-a', type: 'whitepaper_download' },
        ],
      };
      const response = await post(JSON.stringify(batch));
      expect(response.status).toBe(202);
      const answer = (await response.json()) as { accepted: number; eventIds: string[] };
      expect(answer.accepted).toBe(4);
      expect(answer.eventIds).toHaveLength(4);
      expect(new Set(answer.eventIds).size).toBe(4);

      await until(() => eventsOf('it-lead-a').length === 3 && eventsOf('it-lead-b').length === 1);
      const leadA = eventsOf('it-lead-a');
      expect(leadA.map((message) => message.value.type)).toEqual(['email_open', 'email_click', 'whitepaper_download']);
      expect(leadA.map((message) => message.value.eventId)).toEqual([answer.eventIds[0], answer.eventIds[2], answer.eventIds[3]]);
      expect(new Set(leadA.map((message) => message.partition)).size).toBe(1);
      expect(eventsOf('it-lead-b')[0].value).toMatchObject({ eventId: answer.eventIds[1], traits: { company: 'Acme', companySize: 1200 } });
    });

    it('takes a batch at the limits — 500 events, near 1 MiB, all for one lead — in order', async () => {
      const padding = 'x'.repeat(1900);
      const events = Array.from({ length: 500 }, (_, index) => ({ eventId: `it-big-${index}`, leadId: 'it-lead-big', type: 'page_visit', properties: { padding } }));
      const body = JSON.stringify({ events });
      expect(Buffer.byteLength(body)).toBeGreaterThan(950 * 1024);
      const response = await post(body);
      expect(response.status).toBe(202);
      expect(((await response.json()) as { accepted: number }).accepted).toBe(500);
      await until(() => eventsOf('it-lead-big').length === 500);
      expect(eventsOf('it-lead-big').map((message) => message.value.eventId)).toEqual(events.map((event) => event.eventId));
    });

    it.each([
      ['Basic auth with the key as user name (Segment style)', { ...JSON_TYPE, authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` }, ''],
      ['the k query parameter', JSON_TYPE, `?k=${WRITE_KEY}`],
    ])('accepts the write key as %s', async (_name, headers, query) => {
      const leadId = `it-lead-auth-${query ? 'query' : 'basic'}`;
      const response = await post(JSON.stringify({ leadId, type: 'page_visit' }), headers, query);
      expect(response.status).toBe(202);
      await until(() => eventsOf(leadId).length === 1);
    });

    it('accepts a key created in write_keys at once, and refuses it once revoked before use', async () => {
      const created = await writeKeys.create({ name: 'it source' });
      const response = await post(JSON.stringify({ leadId: 'it-lead-created-key', type: 'page_visit' }), { ...JSON_TYPE, authorization: `Bearer ${created.key}` });
      expect(response.status).toBe(202);
      await until(() => eventsOf('it-lead-created-key').length === 1);
      expect(eventsOf('it-lead-created-key')[0].value.sourceKeyId).toBe(created.id);

      const revoked = await writeKeys.create({ name: 'it revoked source' });
      expect(await writeKeys.revoke(revoked.id)).toBe(true);
      const refused = await post(JSON.stringify({ leadId: 'it-bad-revoked', type: 'page_visit' }), { ...JSON_TYPE, authorization: `Bearer ${revoked.key}` });
      expect(refused.status).toBe(401);
    });
  });

  describe('bad input changes nothing in Kafka', () => {
    const valid = { leadId: 'it-bad-lead', type: 'page_visit' };
    const cases: Array<[string, number, () => Promise<Response>, Array<{ path: string; message: unknown }>]> = [
      ['a missing leadId', 400, () => post(JSON.stringify({ type: 'page_visit' })), [{ path: 'leadId', message: 'leadId is required' }]],
      ['a type outside the pattern', 400, () => post(JSON.stringify({ ...valid, type: 'Page Visit' })), [{ path: 'type', message: expect.stringContaining('lower-case') }]],
      ['an occurredAt more than 24 h ahead', 400, () => post(JSON.stringify({ ...valid, occurredAt: '2999-01-01T00:00:00Z' })), [{ path: 'occurredAt', message: expect.stringContaining('at most 24 h after the time of receipt') }]],
      ['properties over 16 KiB', 400, () => post(JSON.stringify({ ...valid, properties: { blob: 'x'.repeat(16 * 1024) } })), [{ path: 'properties', message: expect.stringContaining('at most 16384 bytes') }]],
      ['an unknown field', 400, () => post(JSON.stringify({ ...valid, userId: 'u-1' })), [{ path: 'userId', message: 'userId is not a known field' }]],
      ['a batch with one bad event among good ones', 400, () => post(JSON.stringify({ events: [valid, { ...valid, leadId: 'bad id!' }, valid, { type: 'x' }] })), [
        { path: 'events.1.leadId', message: expect.stringContaining('leadId must be 1 to 128 characters') },
        { path: 'events.3.leadId', message: 'leadId is required' },
      ]],
      ['an empty batch', 400, () => post(JSON.stringify({ events: [] })), [{ path: 'events', message: 'events must hold at least one event' }]],
      ['a batch of 501 events', 413, () => post(JSON.stringify({ events: Array.from({ length: 501 }, () => valid) })), [{ path: 'events', message: 'a batch holds at most 500 events, got 501' }]],
      ['a body over 1 MiB', 413, () => post(JSON.stringify({ ...valid, properties: { blob: 'x'.repeat(1024 * 1024) } })), [{ path: 'body', message: 'the request body is too large (at most 1048576 bytes)' }]],
      ['a body that is not JSON', 415, () => post('leadId=x&type=page_visit', { ...BEARER, 'content-type': 'text/plain' }), [{ path: 'content-type', message: expect.stringContaining('application/json') }]],
      ['a form body', 415, () => post('leadId=x&type=page_visit', { ...BEARER, 'content-type': 'application/x-www-form-urlencoded' }), [{ path: 'content-type', message: expect.stringContaining('application/json') }]],
      ['malformed JSON', 400, () => post('{"leadId": "it-bad-lead", "type": ', BEARER), [{ path: 'body', message: 'the body is not valid JSON' }]],
      ['a JSON array body', 400, () => post(JSON.stringify([valid])), [{ path: 'body', message: expect.stringContaining('one event object') }]],
      ['no write key', 401, () => post(JSON.stringify(valid), JSON_TYPE), [{ path: 'authorization', message: expect.stringContaining('a write key is required') }]],
      ['a wrong write key', 401, () => post(JSON.stringify(valid), { ...JSON_TYPE, authorization: 'Bearer not-a-key' }), [{ path: 'authorization', message: 'the write key is not valid or has been revoked' }]],
      ['the admin token as write key (even listed in INGEST_WRITE_KEYS)', 401, () => post(JSON.stringify(valid), { ...JSON_TYPE, authorization: `Bearer ${ADMIN_TOKEN}` }), [{ path: 'authorization', message: 'the write key is not valid or has been revoked' }]],
      ['an Authorization header of another scheme', 401, () => post(JSON.stringify(valid), { ...JSON_TYPE, authorization: `Token ${WRITE_KEY}` }), [{ path: 'authorization', message: expect.stringContaining('expected Authorization: Bearer KEY') }]],
    ];

    it.each(cases)('refuses %s with %i and field errors', async (_name, status, send, errors) => {
      const offsetsBefore = await messagesInTopic(kafkaAdmin);
      const response = await send();
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ errors });
      expect(await messagesInTopic(kafkaAdmin)).toBe(offsetsBefore);
    });

    it('wrote no event of a refused request, whatever arrived late', async () => {
      const sentinel = await post(JSON.stringify({ leadId: 'it-lead-sentinel', type: 'page_visit' }));
      expect(sentinel.status).toBe(202);
      await until(() => eventsOf('it-lead-sentinel').length === 1);
      expect(received.filter((message) => message.key.startsWith('it-bad'))).toEqual([]);
    });
  });

  it('counts events and requests in /metrics and reports Kafka, Postgres and Redis ready', async () => {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/leadscore_ingest_events_total\{outcome="accepted"[^}]*\} \d+/);
    expect(metrics).toMatch(/leadscore_ingest_events_total\{outcome="invalid"[^}]*\} \d+/);
    expect(metrics).toMatch(/leadscore_ingest_requests_total\{route="\/v1\/events",status="202"[^}]*\} \d+/);
    expect(metrics).toMatch(/leadscore_ingest_produce_duration_seconds_count[^ ]* \d+/);
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { kafka: 'up', postgres: 'up', redis: 'up' } });
  });

  it('never logs personal data: no lead id, trait or property of the events above', () => {
    const logs = logLines.join('\n');
    for (const secret of ['it-lead-', 'it-bad-lead', 'Acme', '/pricing', WRITE_KEY, ADMIN_TOKEN]) expect(logs).not.toContain(secret);
  });
});

async function messagesInTopic(admin: Admin): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(TOPIC);
  return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

