import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import type Redis from 'ioredis';
import { type Consumer } from 'kafkajs';
import { type Pool } from 'pg';
import { loadConfig } from '@leadscore/config';
import { TOPICS, type TopicKey, topicName } from '@leadscore/contracts';
import { bootstrapHttpApp } from '@leadscore/http';
import { createKafkaClient, ensureTopics, type KafkaClient, publishDeadLetters, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createPgPool, createRedis } from '@leadscore/persistence';
import { outsideKafka } from '@test/support/outside-kafka';
import { migratedDatabase, openDataSource } from '@test/support/test-database';
import { testEnv } from '@test/setup/test-env';
import { AdminModule } from '../admin.module';

const TOKEN = 'admin-token-for-dlq-tests';
const NAMESPACE = `t-dlq-admin-${Date.now().toString(36)}`;

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

interface ListedLetter { partition: number; offset: string; reason: string; step: string; sourceTopic: string; sourceOffset: string; key: string; value: string }

describe('GET /v1/dlq and POST /v1/dlq/redrive against real Kafka', () => {
  let app: NestFastifyApplication;
  let kafka: KafkaClient;
  const outside = outsideKafka('dlq-test-reader');
  let pool: Pool;
  let redis: Redis;
  let url: string;
  let consumer: Consumer;
  let scoresConsumer: Consumer;
  const redriven: Array<{ key: string; value: string }> = [];
  const redrivenToScores: Array<{ key: string; value: string }> = [];

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await migratedDatabase(env.databaseUrl, 'leadscore_int_admin_dlq');
    const config = loadConfig({ DATABASE_URL: databaseUrl, KAFKA_BROKERS: env.kafkaBrokers, REDIS_URL: env.redisUrl, ADMIN_TOKEN: TOKEN, LEADSCORE_NAMESPACE: NAMESPACE });
    const logger = new JsonLogger('admin-test', 'error', () => undefined);
    kafka = createKafkaClient({ brokers: config.kafkaBrokers, clientId: 'dlq-test', logger });
    await ensureTopics(kafka, [topicName(NAMESPACE, 'leadEvents'), topicName(NAMESPACE, 'leadScores'), topicName(NAMESPACE, 'leadEventsDlq')], 1);
    const producer = new ReliableProducer(kafka);
    await producer.connect();
    const letters = ['not json', '{"v":1}', '{"v":2,"eventId":"x"}'].map((value, index) => ({
      key: Buffer.from(`lead-${index}`), value: Buffer.from(value), reason: `bad message ${index}`, step: 'parse-message',
      sourceTopic: topicName(NAMESPACE, 'leadEvents'), partition: 0, offset: String(40 + index),
    }));
    await publishDeadLetters(producer, topicName(NAMESPACE, 'leadEventsDlq'), letters, new Date('2026-03-01T00:00:00Z'));
    await producer.disconnect();

    consumer = outside.consumer({ groupId: `${NAMESPACE}.reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(NAMESPACE, 'leadEvents'), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void redriven.push({ key: String(message.key), value: String(message.value) }) });

    scoresConsumer = outside.consumer({ groupId: `${NAMESPACE}.scores-reader` });
    await scoresConsumer.connect();
    await scoresConsumer.subscribe({ topic: topicName(NAMESPACE, 'leadScores'), fromBeginning: true });
    await scoresConsumer.run({ eachMessage: async ({ message }) => void redrivenToScores.push({ key: String(message.key), value: String(message.value) }) });

    pool = createPgPool(databaseUrl);
    redis = createRedis(env.redisUrl);
    app = await bootstrapHttpApp({
      module: AdminModule.forRoot({ config, logger, metrics: new Metrics('admin-test'), kafka, dataSource: await openDataSource(databaseUrl), redis }),
      logger, port: 0, host: '127.0.0.1', bodyLimitBytes: 1024 * 1024,
    });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await scoresConsumer?.disconnect();
    await app?.close();
    const admin = outside.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: (Object.keys(TOPICS) as TopicKey[]).map((key) => topicName(NAMESPACE, key)) }).catch(() => undefined);
    await admin.disconnect();
    await pool?.end();
    redis?.disconnect();
  });

  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('lists the dead letters page by page with their reason, step and source offset', async () => {
    const first = (await (await call('GET', '/v1/dlq?limit=2')).json()) as { items: ListedLetter[]; nextCursor: string | null };
    expect(first.items).toEqual([
      expect.objectContaining({ partition: 0, offset: '0', reason: 'bad message 0', step: 'parse-message', sourceTopic: topicName(NAMESPACE, 'leadEvents'), sourceOffset: '40', key: 'lead-0', value: 'not json' }),
      expect.objectContaining({ offset: '1', reason: 'bad message 1', value: '{"v":1}' }),
    ]);
    expect(first.nextCursor).not.toBeNull();
    const second = (await (await call('GET', `/v1/dlq?limit=2&cursor=${first.nextCursor}`)).json()) as { items: ListedLetter[]; nextCursor: string | null };
    expect(second.items.map((item) => item.offset)).toEqual(['2']);
    expect(second.nextCursor).toBeNull();
  });

  it('redrives the chosen letters\' original key and bytes to lead-events', async () => {
    const response = await call('POST', '/v1/dlq/redrive', { items: [{ partition: 0, offset: '2' }] });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ redriven: 1 });
    const deadline = Date.now() + 15_000;
    while (redriven.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(redriven).toEqual([{ key: 'lead-2', value: '{"v":2,"eventId":"x"}' }]);
  });

  it('redrives each letter to its own source topic: the handoff worker\'s to lead-scores, the scoring worker\'s to lead-events', async () => {
    const producer = new ReliableProducer(kafka);
    await producer.connect();
    await publishDeadLetters(producer, topicName(NAMESPACE, 'leadEventsDlq'), [
      { key: Buffer.from('lead-3'), value: Buffer.from('{"v":1,"leadId":"lead-3","promotion":"mql"}'), reason: 'SQLSTATE 23514: refused', step: 'create-handoffs',
        sourceTopic: topicName(NAMESPACE, 'leadScores'), partition: 0, offset: '7' },
      { key: Buffer.from('lead-4'), value: Buffer.from('{"v":1,"eventId":"e-4"}'), reason: 'SQLSTATE 22001: too long', step: 'store-events',
        sourceTopic: topicName(NAMESPACE, 'leadEvents'), partition: 0, offset: '8' },
    ], new Date('2026-03-02T00:00:00Z'));
    await producer.disconnect();
    const before = redriven.length;
    const response = await call('POST', '/v1/dlq/redrive', { items: [{ partition: 0, offset: '3' }, { partition: 0, offset: '4' }] });
    expect(await response.json()).toEqual({ redriven: 2 });
    const deadline = Date.now() + 15_000;
    while ((redrivenToScores.length < 1 || redriven.length < before + 1) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(redrivenToScores).toEqual([{ key: 'lead-3', value: '{"v":1,"leadId":"lead-3","promotion":"mql"}' }]);
    expect(redriven.slice(before)).toEqual([{ key: 'lead-4', value: '{"v":1,"eventId":"e-4"}' }]);
  });

  it.each([
    ['no selection', {}, 'items'],
    ['an offset that is a number', { items: [{ partition: 0, offset: 2 }] }, 'items.0.offset'],
  ])('refuses a redrive with %s', async (_name, body, path) => {
    const response = await call('POST', '/v1/dlq/redrive', body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ path: string }> }).errors[0].path).toBe(path);
  });

  it('refuses a cursor that is not one of ours', async () => {
    expect((await call('GET', '/v1/dlq?cursor=nope')).status).toBe(400);
  });
});
