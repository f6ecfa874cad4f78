import { Kafka, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { topicName } from '@leadscore/contracts';
import { inactivityEventId } from '../apps/handoff/src/inactivity/inactivity-ticks';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const LONG_LEAD = `L${'0123456789'.repeat(12)}abcdefg`;

describe('the inactivity tick of a 128-character lead id (scoring and handoff workers)', () => {
  const namespace = uniqueNamespace('inactivity-long');
  const processes: AppProcess[] = [];
  let pool: Pool;
  let producer: Producer;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_inactivity_long');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    const kafka = new Kafka({ clientId: 'inactivity-long-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    for (const app of ['scoring', 'handoff'] as const) {
      const port = await freePort();
      const process = new AppProcess(app, {
        KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace,
        KAFKA_PARTITIONS: '2', LOG_LEVEL: 'error', INACTIVITY_AFTER: '14d', INACTIVITY_SCAN_EVERY: '1s',
        ...(app === 'scoring' ? { SCORING_HTTP_PORT: String(port) } : { HANDOFF_HTTP_PORT: String(port) }),
      });
      process.start();
      processes.push(process);
      await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`);
    }
  });

  afterAll(async () => {
    for (const process of processes) await process.stop();
    await producer?.disconnect();
    await pool?.end();
  });

  it('is stored under an id that fits, beside the ticks of short ids, each once however many scans run', async () => {
    expect(LONG_LEAD).toHaveLength(128);
    const at = new Date(Date.now() - 20 * 86_400_000).toISOString();
    const leads = [LONG_LEAD, 'short-1', 'short-2'];
    await producer.send({
      topic: topicName(namespace, 'leadEvents'), acks: -1,
      messages: leads.map((leadId, index) => ({
        key: leadId,
        value: JSON.stringify({ v: 1, eventId: `e-${index}`, leadId, type: 'email_open', occurredAt: at, receivedAt: at, source: null, properties: {}, traits: null, sourceKeyId: null }),
      })),
    });
    const day = new Date().toISOString().slice(0, 10);
    const ticks = await waitFor('three ticks stored', async () => {
      const rows = (await pool.query<{ lead_id: string; event_id: string }>(`SELECT lead_id, event_id FROM lead_events WHERE type = 'inactivity_tick' ORDER BY lead_id`)).rows;
      return rows.length === 3 ? rows : undefined;
    }, 30000);
    expect(ticks).toEqual([
      { lead_id: LONG_LEAD, event_id: inactivityEventId(LONG_LEAD, day) },
      { lead_id: 'short-1', event_id: `inactivity:short-1:${day}` },
      { lead_id: 'short-2', event_id: `inactivity:short-2:${day}` },
    ]);
    expect(ticks[0].event_id).toMatch(/^inactivity:#[0-9a-f]{64}:/);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // more scans: nothing twice
    expect(Number((await pool.query(`SELECT count(*) AS n FROM lead_events WHERE type = 'inactivity_tick'`)).rows[0].n)).toBe(3);
  });
});
