import { Kafka, type KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { DLQ_HEADERS, topicName } from '@leadscore/contracts';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { readLeadCounts } from './support/lead-counts';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const STALL_AFTER_MS = 3000;

function headersOf(message: KafkaMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
}

describe('a batch PostgreSQL refuses, and a partition that stops (scoring worker)', () => {
  const namespace = uniqueNamespace('poison');
  const topic = topicName(namespace, 'leadEvents');
  let pool: Pool;
  let worker: AppProcess;
  let kafka: Kafka;
  let port: number;
  const dead: KafkaMessage[] = [];
  const stopReading: Array<() => Promise<void>> = [];

  const event = (eventId: string, leadId: string, extra: Record<string, unknown> = {}) => {
    const at = new Date().toISOString();
    return { key: leadId, value: JSON.stringify({ v: 1, eventId, leadId, type: 'email_open', occurredAt: at, receivedAt: at, source: null, properties: {}, traits: null, sourceKeyId: null, ...extra }) };
  };

  async function send(messages: Array<{ key: string; value: string }>): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages });
    await producer.disconnect();
  }

  async function storedIds(): Promise<string[]> {
    const result = await pool.query<{ event_id: string }>('SELECT event_id FROM lead_events ORDER BY seq');
    return result.rows.map((row) => row.event_id);
  }

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_poison');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    // Refusals that parsing cannot foresee: a CHECK on a marker value, and a switchable trigger
    // that fails one lead's inserts with a transient-looking error (serialization failure).
    await pool.query(`ALTER TABLE lead_events ADD CONSTRAINT test_refuse_marker CHECK (coalesce(properties->>'marker', '') <> 'refuse-me')`);
    await pool.query('CREATE TABLE test_stall_switch (stalled boolean NOT NULL)');
    await pool.query('INSERT INTO test_stall_switch VALUES (false)');
    await pool.query(`
      CREATE FUNCTION test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.lead_id = 'stuck-lead' AND (SELECT stalled FROM test_stall_switch) THEN
          RAISE EXCEPTION 'test: could not serialize access' USING ERRCODE = '40001';
        END IF;
        RETURN NEW;
      END $$`);
    await pool.query('CREATE TRIGGER test_stall BEFORE INSERT ON lead_events FOR EACH ROW EXECUTE FUNCTION test_stall()');
    kafka = new Kafka({ clientId: 'poison-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    port = await freePort();
    worker = new AppProcess('scoring', {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace,
      KAFKA_PARTITIONS: '1', SCORING_HTTP_PORT: String(port), LOG_LEVEL: 'error', CONSUMER_STALL_AFTER_MS: String(STALL_AFTER_MS),
    });
    worker.start();
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`);
    const consumer = kafka.consumer({ groupId: `${namespace}.dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(namespace, 'leadEventsDlq'), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void dead.push(message) });
    stopReading.push(() => consumer.disconnect());
  });

  afterAll(async () => {
    for (const stop of stopReading) await stop();
    await worker?.stop();
    await pool?.end();
  });

  it('dead-letters the refused messages with the database error, stores their batch-mates exactly once, and the partition keeps flowing', async () => {
    const poison = event('poison-1', 'lead-b', { properties: { marker: 'refuse-me' } });
    const ancient = event('ancient-1', 'lead-b', { occurredAt: '0000-01-01T00:00:00Z', receivedAt: '0000-01-01T00:00:00Z' });
    await send([
      event('ok-1', 'lead-a'), event('ok-2', 'lead-b'), poison, event('ok-3', 'lead-a'),
      event('ok-1', 'lead-a'), ancient, event('ok-4', 'lead-c'), event('ok-5', 'lead-b'),
    ]);

    await waitFor('two dead letters', async () => (dead.length >= 2 ? true : undefined), 30000);
    const byOffset = new Map(dead.map((message) => [headersOf(message)[DLQ_HEADERS.offset], message]));
    const refused = byOffset.get('2');
    expect(refused?.key?.toString()).toBe('lead-b');
    expect(refused?.value?.toString()).toBe(poison.value);
    expect(headersOf(refused!)).toMatchObject({
      [DLQ_HEADERS.step]: 'store-events',
      [DLQ_HEADERS.topic]: topic,
      [DLQ_HEADERS.partition]: '0',
      [DLQ_HEADERS.offset]: '2',
    });
    expect(headersOf(refused!)[DLQ_HEADERS.reason]).toMatch(/^SQLSTATE 23514: .*test_refuse_marker/);
    // The year-0 time is refused by PostgreSQL today, or by the parse step once it checks the range.
    expect(byOffset.has('5')).toBe(true);

    const counts = await waitFor('the good events stored', async () => {
      const current = await readLeadCounts(pool);
      return current.stored === 5 ? current : undefined;
    });
    expect((await storedIds()).sort()).toEqual(['ok-1', 'ok-2', 'ok-3', 'ok-4', 'ok-5']);
    expect(counts.audited).toBe(5);
    expect(counts.byLead.get('lead-a')).toEqual({ score: 4, eventCount: 2 });
    expect(counts.byLead.get('lead-b')).toEqual({ score: 4, eventCount: 2 });
    expect(counts.byLead.get('lead-c')).toEqual({ score: 2, eventCount: 1 });

    await send([event('after-1', 'lead-a')]);
    await waitFor('the next message stored', async () => ((await storedIds()).includes('after-1') ? true : undefined), 30000);
    expect(dead).toHaveLength(2);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
  });

  it('a partition retried on a transient error shows as stalled in /metrics and turns /health/ready 503 within the threshold, and recovers when released', async () => {
    await pool.query('UPDATE test_stall_switch SET stalled = true');
    const sentAt = Date.now();
    await send([event('stuck-1', 'stuck-lead'), event('behind-1', 'lead-a')]);

    const report = await waitFor('readiness 503', async () => {
      const answer = await fetch(`http://127.0.0.1:${port}/health/ready`);
      return answer.status === 503 ? ((await answer.json()) as { checks: Record<string, string> }) : undefined;
    }, 30000, 250);
    expect(Date.now() - sentAt).toBeLessThan(STALL_AFTER_MS + 10_000);
    expect(report.checks.consumer).toContain(`${topic}/0`);
    expect(report.checks.postgres).toBe('up');
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`leadscore_consumer_partition_stalled\\{[^}]*topic="${topic}"[^}]*partition="0"[^}]*\\} 1`));
    const since = new RegExp(`leadscore_consumer_partition_seconds_since_progress\\{[^}]*partition="0"[^}]*\\} ([0-9.]+)`).exec(metrics);
    expect(Number(since?.[1])).toBeGreaterThanOrEqual(STALL_AFTER_MS / 1000);
    expect(await storedIds()).not.toContain('stuck-1');
    expect(dead).toHaveLength(2); // transient: retried, never dead-lettered

    await pool.query('UPDATE test_stall_switch SET stalled = false');
    await waitFor('both events stored', async () => {
      const ids = await storedIds();
      return ids.includes('stuck-1') && ids.includes('behind-1') ? true : undefined;
    }, 60000);
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`, 30000);
    const after = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(after).toMatch(new RegExp(`leadscore_consumer_partition_stalled\\{[^}]*partition="0"[^}]*\\} 0`));
    expect(dead).toHaveLength(2);
  });
});
