import { Kafka, type KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { DLQ_HEADERS, topicName, type LeadScoreChangedMessage } from '@leadscore/contracts';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
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

describe('a promotion PostgreSQL refuses, and a partition that stops (handoff worker)', () => {
  const namespace = uniqueNamespace('hpoison');
  const topic = topicName(namespace, 'leadScores');
  let pool: Pool;
  let worker: AppProcess;
  let kafka: Kafka;
  let port: number;
  const dead: KafkaMessage[] = [];
  let stopReading: (() => Promise<void>) | null = null;

  /** A promotion whose cause event is in the store (written here directly, as the scoring worker would). */
  async function promotion(leadId: string, causeEventId: string): Promise<{ key: string; value: string }> {
    const at = new Date().toISOString();
    await pool.query(`INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at) VALUES ($1, $2, 'whitepaper_download', $3, $3) ON CONFLICT DO NOTHING`, [causeEventId, leadId, at]);
    const change: LeadScoreChangedMessage = {
      v: 1, leadId, causeEventId, seq: '1', ruleVersion: 1, occurredAt: at, score: 60, fitScore: 0, engagementScore: 60, previousScore: 45,
      stage: 'mql', previousStage: 'new', promotion: 'mql', reasons: [{ ruleId: 'whitepaper', points: 15 }],
    };
    return { key: leadId, value: JSON.stringify(change) };
  }

  async function send(messages: Array<{ key: string; value: string }>): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages });
    await producer.disconnect();
  }

  async function handoffLeads(): Promise<string[]> {
    const result = await pool.query<{ lead_id: string }>('SELECT lead_id FROM handoffs ORDER BY lead_id');
    return result.rows.map((row) => row.lead_id);
  }

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_handoff_poison');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    await pool.query(`ALTER TABLE handoffs ADD CONSTRAINT test_refuse_lead CHECK (lead_id <> 'refuse-handoff')`);
    await pool.query('CREATE TABLE test_stall_switch (stalled boolean NOT NULL)');
    await pool.query('INSERT INTO test_stall_switch VALUES (false)');
    await pool.query(`
      CREATE FUNCTION test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.lead_id = 'stuck-handoff' AND (SELECT stalled FROM test_stall_switch) THEN
          RAISE EXCEPTION 'test: deadlock detected' USING ERRCODE = '40P01';
        END IF;
        RETURN NEW;
      END $$`);
    await pool.query('CREATE TRIGGER test_stall BEFORE INSERT ON handoffs FOR EACH ROW EXECUTE FUNCTION test_stall()');
    kafka = new Kafka({ clientId: 'handoff-poison-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    port = await freePort();
    worker = new AppProcess('handoff', {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace,
      KAFKA_PARTITIONS: '1', HANDOFF_HTTP_PORT: String(port), LOG_LEVEL: 'error', CONSUMER_STALL_AFTER_MS: String(STALL_AFTER_MS),
    });
    worker.start();
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`);
    const consumer = kafka.consumer({ groupId: `${namespace}.dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(namespace, 'leadEventsDlq'), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void dead.push(message) });
    stopReading = () => consumer.disconnect();
  });

  afterAll(async () => {
    await stopReading?.();
    await worker?.stop();
    await pool?.end();
  });

  it('dead-letters the refused promotion with the database error and lead-scores as its source, and hands off its batch-mates exactly once', async () => {
    const refused = await promotion('refuse-handoff', 'cause-r');
    await send([await promotion('lead-a', 'cause-a'), refused, await promotion('lead-b', 'cause-b'), await promotion('lead-a', 'cause-a')]);

    await waitFor('a dead letter', async () => (dead.length >= 1 ? true : undefined), 30000);
    expect(dead[0].key?.toString()).toBe('refuse-handoff');
    expect(dead[0].value?.toString()).toBe(refused.value);
    expect(headersOf(dead[0])).toMatchObject({
      [DLQ_HEADERS.step]: 'create-handoffs', [DLQ_HEADERS.topic]: topic, [DLQ_HEADERS.partition]: '0', [DLQ_HEADERS.offset]: '1',
    });
    expect(headersOf(dead[0])[DLQ_HEADERS.reason]).toMatch(/^SQLSTATE 23514: .*test_refuse_lead/);
    await waitFor('two handoffs', async () => ((await handoffLeads()).length >= 2 ? true : undefined), 30000);

    await send([await promotion('lead-c', 'cause-c')]);
    await waitFor('the next promotion handed off', async () => ((await handoffLeads()).includes('lead-c') ? true : undefined), 30000);
    expect(await handoffLeads()).toEqual(['lead-a', 'lead-b', 'lead-c']);
    expect(dead).toHaveLength(1);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/leadscore_dlq_messages_total\{[^}]*step="create-handoffs"[^}]*\} 1/);
  });

  it('a partition retried on a transient error turns /health/ready 503 naming it, and recovers when released', async () => {
    await pool.query('UPDATE test_stall_switch SET stalled = true');
    await send([await promotion('stuck-handoff', 'cause-s'), await promotion('lead-d', 'cause-d')]);
    const report = await waitFor('readiness 503', async () => {
      const answer = await fetch(`http://127.0.0.1:${port}/health/ready`);
      return answer.status === 503 ? ((await answer.json()) as { checks: Record<string, string> }) : undefined;
    }, 30000, 250);
    expect(report.checks.consumer).toContain(`${topic}/0`);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`leadscore_consumer_partition_stalled\\{[^}]*topic="${topic}"[^}]*partition="0"[^}]*\\} 1`));
    expect(dead).toHaveLength(1);

    await pool.query('UPDATE test_stall_switch SET stalled = false');
    await waitFor('both handed off', async () => {
      const leads = await handoffLeads();
      return leads.includes('stuck-handoff') && leads.includes('lead-d') ? true : undefined;
    }, 60000);
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`, 30000);
    expect(dead).toHaveLength(1);
  });
});
