import { type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { groupId, topicName } from '@leadscore/contracts';
import { readLeadCounts } from './support/lead-counts';
import { uniqueNamespace } from './support/namespace';
import { outsideKafka } from './support/outside-kafka';
import { replayBesideLive } from './support/replay-beside-live';
import { ScoringWorkers } from './support/scoring-workers';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML, expectedByLead, generateEvents, type OracleEvent } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor } from './support/wait-for';
import { testEnv } from './setup/test-env';

jest.setTimeout(300_000);

type SentEvent = OracleEvent & { eventId: string };

interface Case {
  name: string;
  workers: number;
  kills: number;
  events: number;
  leads: number;
  seed: number;
}

/**
 * Scale-out (issue 15): several scoring worker processes in one consumer group over 6 partitions,
 * one of them killed with SIGKILL and restarted again and again while events keep coming, so the
 * group rebalances under load each time. The stream goes out in slices, one per kill, each in
 * runs of 100: the victim dies as soon as it has committed a batch of its slice, with the next
 * batches in flight on it and on the others, and the rest of the slice lands while the group waits
 * out the dead member's session. Then: no event lost, none doubled, and every lead's projection
 * and audit rows equal to a replay of the store.
 */
describe.each<Case>([
  { name: 'two workers, one of them killed and restarted 10 times', workers: 2, kills: 10, events: 20000, leads: 1000, seed: 23 },
  { name: 'three workers, each killed and restarted once', workers: 3, kills: 3, events: 6000, leads: 300, seed: 29 },
])('scoring workers in one group: $name during $events events', ({ workers: size, kills, events: eventCount, leads, seed }) => {
  const namespace = uniqueNamespace(`scale${size}`);
  const env = testEnv();
  const kafka = outsideKafka(`scale-out-${size}`);
  let databaseUrl: string;
  let pool: Pool;
  let producer: Producer;
  let workers: ScoringWorkers;

  beforeAll(async () => {
    databaseUrl = await freshDatabase(env.databaseUrl, `leadscore_e2e_scale_out_${size}`);
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    workers = new ScoringWorkers({
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '6', LOG_LEVEL: 'warn',
    });
    await workers.start(size);
  });

  afterAll(async () => {
    await workers?.stopAll();
    await producer?.disconnect();
    await pool?.end();
  });

  /** In runs of 100, `pauseMs` apart: the stream keeps coming while a worker dies and the group rebalances. */
  async function send(events: SentEvent[], pauseMs = 0): Promise<void> {
    const now = new Date().toISOString();
    for (let i = 0; i < events.length; i += 100) {
      if (i > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      await producer.send({
        topic: topicName(namespace, 'leadEvents'),
        acks: -1,
        messages: events.slice(i, i + 100).map((event) => ({
          key: event.leadId,
          value: JSON.stringify({ v: 1, ...event, occurredAt: now, receivedAt: now, source: null, traits: null, sourceKeyId: null }),
        })),
      });
    }
  }

  it('stores every event once, counts each lead exactly, and scores as a replay of the store does', async () => {
    const unique = generateEvents(eventCount, leads, seed);
    // Every 20th event is sent once more, 1000 events later: a repeat that may reach another worker than its original.
    const stream: SentEvent[] = unique.flatMap((event, i) => (i % 20 === 0 && i >= 1000 ? [event, unique[i - 1000]] : [event]));
    const slices = Array.from({ length: kills + 1 }, (_, k) => stream.slice(Math.floor((k * stream.length) / (kills + 1)), Math.floor(((k + 1) * stream.length) / (kills + 1))));

    for (let k = 0; k < kills; k++) {
      const victim = k % size;
      const before = await workers.batchesCommitted(victim);
      const producing = send(slices[k], 40);
      await waitFor(`worker ${victim} to commit a batch of slice ${k}`, async () => (
        (await workers.batchesCommitted(victim)) > before ? true : undefined
      ), 90000, 10);
      await workers.kill9AndRestart(victim);
      await producing;
    }
    await send(slices[kills]);

    const expected = expectedByLead(stream);
    const total = [...expected.values()].reduce((sum, lead) => sum + lead.eventCount, 0);
    expect(total).toBe(eventCount);
    const counts = await waitFor(`all ${total} events stored and scored`, async () => {
      const current = await readLeadCounts(pool);
      return current.stored >= total && current.audited >= total ? current : undefined;
    }, 120000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${workers.tails()}`);
    });

    // 0 lost, 0 double: the store holds exactly the (lead, eventId) pairs sent, each once, and one audit row each.
    expect({ stored: counts.stored, audited: counts.audited }).toEqual({ stored: total, audited: total });
    const pairs = await pool.query<{ pair: string }>(`SELECT lead_id || '/' || event_id AS pair FROM lead_events`);
    expect(new Set(pairs.rows.map((row) => row.pair))).toEqual(new Set(unique.map((event) => `${event.leadId}/${event.eventId}`)));
    expect(counts.byLead.size).toBe(expected.size);
    const wrong = [...expected].filter(([leadId, want]) => JSON.stringify(counts.byLead.get(leadId)) !== JSON.stringify(want));
    expect(wrong.slice(0, 5).map(([leadId, want]) => ({ leadId, want, got: counts.byLead.get(leadId) }))).toEqual([]);

    // The group is whole again: every worker a member of it, the partitions shared among them.
    const admin = kafka.admin();
    await admin.connect();
    const group = await waitFor('the group to be stable', async () => {
      const { groups } = await admin.describeGroups([groupId(namespace, 'leadscore-scoring')]);
      return groups[0].state === 'Stable' && groups[0].members.length === size ? groups[0] : undefined;
    }, 60000).finally(() => admin.disconnect());
    expect(group.members).toHaveLength(size);

    // Stage, audit trail, every projection column: what live scoring wrote across the rebalances is what one fold of the store gives.
    const { live, replayed } = await replayBesideLive({ databaseUrl, namespace, env });
    expect(replayed.projections).toHaveLength(expected.size);
    expect(replayed.audit).toHaveLength(total);
    expect(firstDifferences(live.projections, replayed.projections)).toEqual([]);
    expect(firstDifferences(live.audit, replayed.audit)).toEqual([]);
  });
});

/** The first rows (at most 3) where two equally ordered row lists differ, or [] when they are equal: a readable failure over 20k rows. */
function firstDifferences(live: unknown[], replayed: unknown[]): Array<{ index: number; live: unknown; replayed: unknown }> {
  const differences = [];
  for (let i = 0; i < Math.max(live.length, replayed.length) && differences.length < 3; i++) {
    if (JSON.stringify(live[i]) !== JSON.stringify(replayed[i])) differences.push({ index: i, live: live[i], replayed: replayed[i] });
  }
  return differences;
}
