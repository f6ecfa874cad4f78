import { Kafka, type KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { DLQ_HEADERS, MESSAGE_HEADERS, topicName } from '@leadscore/contracts';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { readLeadCounts } from './support/lead-counts';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

describe('a message the scoring worker cannot parse', () => {
  const namespace = uniqueNamespace('dlq');
  let pool: Pool;
  let worker: AppProcess;
  let kafka: Kafka;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_dlq');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    kafka = new Kafka({ clientId: 'dlq-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    const port = await freePort();
    worker = new AppProcess('scoring', {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '1', SCORING_HTTP_PORT: String(port), LOG_LEVEL: 'warn',
    });
    worker.start();
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`);
  });

  afterAll(async () => {
    await worker?.stop();
    await pool?.end();
  });

  it('goes to lead-events-dlq with its original key and bytes and the reason, and the worker goes on', async () => {
    const at = new Date().toISOString();
    const good = (eventId: string) => JSON.stringify({ v: 1, eventId, leadId: 'lead-ok', type: 'email_open', occurredAt: at, receivedAt: at, source: null, properties: {}, traits: null, sourceKeyId: null });
    const poison = Buffer.from('{"eventId": "x", not json');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topicName(namespace, 'leadEvents'),
      messages: [
        { key: 'lead-ok', value: good('ok-1') },
        { key: 'lead-bad', value: poison, headers: { [MESSAGE_HEADERS.requestId]: 'req-poison-1' } },
        { key: 'lead-bad', value: JSON.stringify({ v: 1, eventId: 'bad-lead', leadId: 'has space', type: 'email_open', occurredAt: at }) },
        { key: 'lead-ok', value: good('ok-2') },
      ],
    });
    await producer.disconnect();

    const dead: KafkaMessage[] = [];
    const consumer = kafka.consumer({ groupId: `${namespace}.dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(namespace, 'leadEventsDlq'), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void dead.push(message) });
    await waitFor('two dead letters', async () => (dead.length >= 2 ? true : undefined), 30000);
    await consumer.disconnect();

    expect(dead[0].key?.toString()).toBe('lead-bad');
    expect(dead[0].value?.equals(poison)).toBe(true);
    const headers = Object.fromEntries(Object.entries(dead[0].headers ?? {}).map(([name, value]) => [name, String(value)]));
    expect(headers).toMatchObject({
      [DLQ_HEADERS.reason]: 'value is not valid JSON',
      [DLQ_HEADERS.step]: 'parse-message',
      [DLQ_HEADERS.topic]: topicName(namespace, 'leadEvents'),
      [DLQ_HEADERS.partition]: '0',
      [DLQ_HEADERS.offset]: '1',
      [MESSAGE_HEADERS.requestId]: 'req-poison-1',
    });
    // The worker's log names the request the poison came in with (ingest's X-Request-Id).
    const logged = await waitFor('the dead-letter log line', async () =>
      worker.output.join('').split('\n').find((line) => line.includes('"dead-lettered messages"')));
    expect(JSON.parse(logged)).toMatchObject({ level: 'warn', app: 'scoring', step: 'parse-message', requestIds: ['req-poison-1'] });
    expect(String(dead[1].headers?.[DLQ_HEADERS.reason])).toMatch(/^leadId/);

    const counts = await waitFor('good events stored', async () => {
      const current = await readLeadCounts(pool);
      return current.stored === 2 ? current : undefined;
    });
    expect(counts.byLead.get('lead-ok')).toEqual({ score: 4, eventCount: 2 });
  });
});
