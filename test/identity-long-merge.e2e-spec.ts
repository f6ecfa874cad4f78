import { Kafka, Partitioners, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { groupId, topicName } from '@leadscore/contracts';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const PARTITIONS = 3;
/** The size: an anonymous id with a million stored events. */
const LONG_HISTORY = Number(process.env.LEADSCORE_TEST_LONG_HISTORY ?? 1_000_000);
const KILLED_HISTORY = Number(process.env.LEADSCORE_TEST_KILLED_HISTORY ?? 100_000);

jest.setTimeout(600_000);

/**
 * A merge of an anonymous id whose history is already in the store (inserted straight into
 * lead_events, as history stored long ago) must not hold the consumer: the batch that folds the
 * marker only records the merge, and the history forwarder pages the copies. Points
 * (SIMPLE_RULES_YAML): page +1, clamped at 200.
 */
describe('identity merge of a long stored history', () => {
  const namespace = uniqueNamespace('longmerge');
  let pool: Pool;
  let kafka: Kafka;
  let producer: Producer;
  let databaseUrl: string;
  let scoringPort: number;
  let worker: AppProcess;
  const workers: AppProcess[] = [];
  const topic = topicName(namespace, 'leadEvents');

  beforeAll(async () => {
    const env = testEnv();
    databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_long_merge');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    kafka = new Kafka({ clientId: 'long-merge-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    worker = await startWorker();
  });

  afterAll(async () => {
    for (const app of workers) await app.stop();
    await producer?.disconnect();
    await pool?.end();
  });

  async function startWorker(): Promise<AppProcess> {
    const env = testEnv();
    scoringPort = await freePort();
    const app = new AppProcess('scoring', {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: String(PARTITIONS), SCORING_HTTP_PORT: String(scoringPort), LOG_LEVEL: 'warn',
    });
    app.start();
    workers.push(app);
    await waitForHttpOk(`http://127.0.0.1:${scoringPort}/health/ready`);
    return app;
  }

  /** `count` page visits of `leadId`, one second apart and long ago, written straight into the store. */
  async function storeHistory(leadId: string, count: number): Promise<void> {
    await pool.query(
      `INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at, source, properties, traits, source_key_id)
       SELECT $1 || ':' || i, $1, 'page_visit', t, t, 'history', jsonb_build_object('url', '/page/' || (i % 97)), NULL, NULL
       FROM generate_series(1, $2::int) AS i, LATERAL (SELECT timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second' AS t) AS at`,
      [leadId, count],
    );
  }

  async function send(events: Array<{ eventId: string; leadId: string; type: string; properties: Record<string, unknown> }>): Promise<void> {
    const at = new Date().toISOString();
    await producer.send({
      topic, acks: -1,
      messages: events.map((event) => ({
        key: event.leadId,
        value: JSON.stringify({ v: 1, ...event, occurredAt: at, receivedAt: at, source: null, traits: null, sourceKeyId: null }),
      })),
    });
  }

  const partitionOf = (leadId: string) => Partitioners.DefaultPartitioner()({
    topic, message: { key: leadId, value: null },
    partitionMetadata: Array.from({ length: PARTITIONS }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] })),
  });

  /** Two fresh probe leads on each partition (so on the anonymous id's and on the target's too). */
  function probeLeads(prefix: string): string[] {
    const byPartition = new Map<number, string[]>();
    for (let n = 0; [...byPartition.values()].filter((ids) => ids.length >= 2).length < PARTITIONS; n++) {
      const id = `${prefix}-${n}`;
      const ids = byPartition.get(partitionOf(id)) ?? [];
      if (ids.length < 2) byPartition.set(partitionOf(id), [...ids, id]);
    }
    return [...byPartition.values()].flat();
  }

  const copiesOf = async (leadId: string) => (await pool.query<{ copies: number; origins: number }>(
    `SELECT count(*)::int AS copies, count(DISTINCT properties->'mergedFrom'->>'eventId')::int AS origins
     FROM lead_events WHERE lead_id = $1 AND event_id LIKE 'merged:%'`, [leadId])).rows[0];
  const projection = async (leadId: string) => (await pool.query<{ event_count: number; score: number; merged_into: string | null }>(
    `SELECT p.event_count, p.score::float8 AS score, p.merged_into FROM lead_projections p
     JOIN projection_generations g ON g.generation = p.generation AND g.status = 'live' WHERE p.lead_id = $1`, [leadId])).rows[0];
  const forwarding = async (fromLead: string) => (await pool.query<{ copies: string; finished: boolean }>(
    `SELECT copies, finished_at IS NOT NULL AS finished FROM identity_forwardings WHERE from_lead = $1`, [fromLead])).rows[0];
  const groupJoins = async () => {
    const text = await (await fetch(`http://127.0.0.1:${scoringPort}/metrics`)).text();
    return Number(/^leadscore_scoring_group_joins_total (\d+)/m.exec(text)?.[1] ?? NaN);
  };
  const groupMembers = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([groupId(namespace, 'leadscore-scoring')]);
      return { state: groups[0].state, members: groups[0].members.map((member) => member.memberId).sort() };
    } finally {
      await admin.disconnect();
    }
  };

  /** Scored = the audit row of that event exists (it is written in the batch's transaction). */
  const scoredOf = async (eventIds: string[]) => new Set((await pool.query<{ event_id: string }>(
    `SELECT event_id FROM score_audit WHERE event_id = ANY($1)`, [eventIds])).rows.map((row) => row.event_id));

  /** Sends one event per probe lead and waits until all are scored; the latency of each, by partition. */
  async function probeRound(round: number, probes: string[]): Promise<Array<{ partition: number; ms: number }>> {
    const events = probes.map((leadId) => ({ eventId: `probe-${round}-${leadId}`, leadId, type: 'email_open', properties: {} }));
    const posted = Date.now();
    await send(events);
    const seenAt = new Map<string, number>();
    await waitFor(`probe round ${round} scored`, async () => {
      const scored = await scoredOf(events.map((event) => event.eventId));
      for (const id of scored) if (!seenAt.has(id)) seenAt.set(id, Date.now());
      return seenAt.size === events.length ? true : undefined;
    }, 30_000, 25);
    return events.map((event) => ({ partition: partitionOf(event.leadId), ms: seenAt.get(event.eventId)! - posted }));
  }

  it(`merges ${LONG_HISTORY} stored events, each counted once, while the worker keeps its group and other leads stay under 5 s`, async () => {
    const anon = 'anon-long';
    const known = 'known-long';
    const setUp = Date.now();
    await storeHistory(anon, LONG_HISTORY);
    process.stdout.write(`stored ${LONG_HISTORY} history events in ${Date.now() - setUp} ms\n`);
    // The group has settled with its one member before the merge starts.
    await waitFor('the group to be stable', async () => ((await groupMembers()).state === 'Stable' ? true : undefined), 30_000);
    const groupBefore = await groupMembers();
    const joinsBefore = await groupJoins();
    expect(groupBefore.members).toHaveLength(1);

    const started = Date.now();
    await send([{ eventId: 'long-identify', leadId: known, type: 'identify', properties: { anonymousId: anon } }]);
    const probes = probeLeads('probe');
    expect(new Set(probes.map(partitionOf))).toEqual(new Set([0, 1, 2]));
    // A short merge started during the long one takes turns with it instead of waiting for its end.
    await storeHistory('anon-short', 50);
    const shortLinked = Date.now();
    await send([{ eventId: 'short-identify', leadId: 'known-short', type: 'identify', properties: { anonymousId: 'anon-short' } }]);
    let shortMergedIn: number | null = null;
    const latencies: Array<{ partition: number; ms: number }> = [];
    let round = 0;
    let pending = true;
    while (pending) {
      if (shortMergedIn === null && (await projection('known-short'))?.event_count === 51) shortMergedIn = Date.now() - shortLinked;
      latencies.push(...(await probeRound(round, probes)));
      round += 1;
      const job = await forwarding(anon);
      pending = job === undefined || !job.finished;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await waitFor('the known lead to count the whole history', async () => {
      const lead = await projection(known);
      return lead?.event_count === LONG_HISTORY + 1 ? lead : undefined;
    }, 120_000, 250);
    const elapsed = Date.now() - started;
    const slowest = (partition: number) => Math.max(...latencies.filter((l) => l.partition === partition).map((l) => l.ms));
    process.stdout.write(`merge of ${LONG_HISTORY}: ${elapsed} ms (${Math.round(LONG_HISTORY / (elapsed / 1000))} copies/s); `
      + `${round} probe rounds; slowest probe on the target's partition ${slowest(partitionOf(known))} ms, on the anonymous id's `
      + `${slowest(partitionOf(anon))} ms, overall ${Math.max(...latencies.map((l) => l.ms))} ms; a short merge meanwhile took ${shortMergedIn} ms\n`);

    expect(await copiesOf(known)).toEqual({ copies: LONG_HISTORY, origins: LONG_HISTORY });
    expect(await projection(known)).toMatchObject({ event_count: LONG_HISTORY + 1, score: 200, merged_into: null });
    expect(await projection(anon)).toMatchObject({ merged_into: known });
    expect(Number((await forwarding(anon)).copies)).toBe(LONG_HISTORY);
    expect(round).toBeGreaterThan(1);
    expect(shortMergedIn).not.toBeNull();
    expect(shortMergedIn).toBeLessThan(10_000);
    expect(await copiesOf('known-short')).toEqual({ copies: 50, origins: 50 });
    // Never left the group: no rejoin, the same member.
    expect(await groupJoins()).toBe(joinsBefore);
    expect(await groupMembers()).toEqual(groupBefore);
    expect(Math.max(...latencies.map((l) => l.ms))).toBeLessThan(5000);
  });

  it(`resumes a forwarding after kill -9 and counts each of ${KILLED_HISTORY} events once`, async () => {
    const anon = 'anon-killed';
    const known = 'known-killed';
    await storeHistory(anon, KILLED_HISTORY);
    await send([{ eventId: 'killed-identify', leadId: known, type: 'identify', properties: { anonymousId: anon } }]);
    // Killed between pages or amid one: some copies sent, the job not finished.
    const atKill = await waitFor('the forwarding to be under way', async () => {
      const job = await forwarding(anon);
      return job !== undefined && Number(job.copies) >= 20_000 ? job : undefined;
    }, 60_000, 20);
    await worker.kill9();
    expect(atKill.finished).toBe(false);
    const beforeRestart = await forwarding(anon);
    expect(beforeRestart.finished).toBe(false);
    expect(Number(beforeRestart.copies)).toBeLessThan(KILLED_HISTORY);
    worker = await startWorker();

    await waitFor('the forwarding to finish after the restart', async () => ((await forwarding(anon))?.finished ? true : undefined), 120_000, 250);
    await waitFor('the known lead to count the whole history', async () => {
      const lead = await projection(known);
      return lead?.event_count === KILLED_HISTORY + 1 ? lead : undefined;
    }, 120_000, 250);
    expect(await copiesOf(known)).toEqual({ copies: KILLED_HISTORY, origins: KILLED_HISTORY });
    const audit = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM score_audit WHERE lead_id = $1`, [known]);
    expect(audit.rows[0].n).toBe(KILLED_HISTORY + 1);
    // The cursor's count may exceed the history by the page repeated after the kill; the store holds each copy once.
    expect(Number((await forwarding(anon)).copies)).toBeGreaterThanOrEqual(KILLED_HISTORY);
  });
});
