import { type Consumer } from 'kafkajs';
import { type Pool } from 'pg';
import { TOPICS, topicName, type LeadEventMessage, type TopicKey } from '@leadscore/contracts';
import { createKafkaClient, ensureTopics, type KafkaClient, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createPgPool } from '@leadscore/persistence';
import { migratedDatabase } from '@test/support/test-database';
import { testEnv } from '@test/setup/test-env';
import { outsideKafka } from '@test/support/outside-kafka';
import { handoffMetrics } from '../handoff.metrics';
import { InactivityScheduler } from './inactivity-scheduler';
import { inactivityEventId } from './inactivity-ticks';

jest.setTimeout(60_000);

const NAMESPACE = `t-inactivity-${Date.now().toString(36)}`;
const NOW = new Date('2026-11-23T09:00:00Z');
const DAY = '2026-11-23';
const LONG_LEAD = `long-${'x'.repeat(123)}`;

describe('InactivityScheduler against real PostgreSQL and Kafka', () => {
  let pool: Pool;
  let kafka: KafkaClient;
  const outside = outsideKafka('inactivity-test-reader');
  let producer: ReliableProducer;
  let consumer: Consumer;
  const emitted: LeadEventMessage[] = [];

  async function idleLead(leadId: string, daysIdle: number): Promise<void> {
    const at = new Date(NOW.getTime() - daysIdle * 86_400_000);
    await pool.query(
      `INSERT INTO lead_projections (generation, lead_id, score, fit_score, engagement_score, grade, stage, rule_version, event_count, first_seen_at, last_activity_at, last_seq, state)
       VALUES (1, $1, 10, 0, 10, 'D', 'new', 1, 1, $2, $2, 1, '{}')`, [leadId, at],
    );
  }

  beforeAll(async () => {
    const env = testEnv();
    pool = createPgPool(await migratedDatabase(env.databaseUrl, 'leadscore_int_inactivity'));
    kafka = createKafkaClient({ brokers: env.kafkaBrokers.split(','), clientId: 'inactivity-test', logger: new JsonLogger('test', 'error', () => undefined) });
    await ensureTopics(kafka, [topicName(NAMESPACE, 'leadEvents')], 1);
    producer = new ReliableProducer(kafka);
    await producer.connect();
    consumer = outside.consumer({ groupId: `${NAMESPACE}.reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(NAMESPACE, 'leadEvents'), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void emitted.push(JSON.parse(String(message.value)) as LeadEventMessage) });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    const admin = outside.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: (Object.keys(TOPICS) as TopicKey[]).map((key) => topicName(NAMESPACE, key)) }).catch(() => undefined);
    await admin.disconnect();
    await pool?.end();
  });

  async function emittedWithin(count: number): Promise<LeadEventMessage[]> {
    const deadline = Date.now() + 15_000;
    while (emitted.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return emitted.splice(0, emitted.length);
  }

  it('gives a 128-character lead its tick, and leads whose ticks never get stored do not starve the others; a stored tick is not sent again', async () => {
    // The oldest idle leads' ticks never reach the store (as when they were dead-lettered): more of them than one page.
    for (const lead of ['stuck-1', 'stuck-2', 'stuck-3']) await idleLead(lead, 40);
    await idleLead(LONG_LEAD, 30);
    await idleLead('later-1', 20);
    await idleLead('done-1', 20);
    await idleLead('active-1', 1);
    await pool.query(`INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at) VALUES ($1, 'done-1', 'inactivity_tick', $2, $2)`, [`inactivity:done-1:${DAY}`, NOW]);
    const scheduler = new InactivityScheduler({
      pool, producer, namespace: NAMESPACE, settings: { afterMs: 14 * 86_400_000, everyMs: 3_600_000 },
      metrics: handoffMetrics(new Metrics('inactivity-test')), log: new JsonLogger('test', 'error', () => undefined).child('inactivity'),
      now: () => NOW, pageSize: 2,
    });
    try {
      expect(await scheduler.runOnce()).toBe(5);
      const first = await emittedWithin(5);
      expect(first.map((tick) => tick.leadId).sort()).toEqual([LONG_LEAD, 'later-1', 'stuck-1', 'stuck-2', 'stuck-3'].sort());
      const long = first.find((tick) => tick.leadId === LONG_LEAD)!;
      expect(LONG_LEAD).toHaveLength(128);
      expect(long.eventId).toBe(inactivityEventId(LONG_LEAD, DAY));
      expect(long.eventId.length).toBeLessThanOrEqual(128);
      expect(first.find((tick) => tick.leadId === 'later-1')?.eventId).toBe(`inactivity:later-1:${DAY}`);

      // The long lead's and later-1's ticks are stored now; the stuck ones still are not.
      for (const tick of first.filter((item) => !item.leadId.startsWith('stuck-'))) {
        await pool.query(`INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at) VALUES ($1, $2, 'inactivity_tick', $3, $3)`, [tick.eventId, tick.leadId, NOW]);
      }
      expect(await scheduler.runOnce()).toBe(3);
      expect((await emittedWithin(3)).map((tick) => tick.leadId).sort()).toEqual(['stuck-1', 'stuck-2', 'stuck-3']);
    } finally {
      await scheduler.stop();
    }
  });
});
