import { Kafka, type Producer } from 'kafkajs';
import { Pool, type PoolClient } from 'pg';
import { topicName } from '@leadscore/contracts';
import { SWITCH_LOCK_KEY, insertRuleSet } from '@leadscore/persistence';
import { parseRuleSet } from '@leadscore/scoring';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { readLeadCounts } from './support/lead-counts';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML, generateEvents, simplePoints, type OracleEvent } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const TOKEN = 'replay-e2e-admin-token';
// The simple rules with whitepapers worth 5 instead of 15: every lead with one scores lower (or
// the same, when clamped at the floor).
const STRICTER_YAML = SIMPLE_RULES_YAML.replace('name: e2e-simple', 'name: e2e-stricter').replace('points: 15', 'points: 5');

/** The oracle, by hand: each event's points (whitepaper points given), one clamp of the sum. */
function oracleScores(events: Array<OracleEvent & { eventId: string }>, whitepaperPoints: number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const event of events) {
    const points = event.type === 'whitepaper_download' ? whitepaperPoints : simplePoints(event);
    sums.set(event.leadId, (sums.get(event.leadId) ?? 0) + points);
  }
  return new Map([...sums].map(([leadId, sum]) => [leadId, Math.min(200, Math.max(0, sum))]));
}

const PROJECTION_COLUMNS = `lead_id, score, fit_score, engagement_score, grade, stage, rule_version, event_count, first_seen_at,
  last_activity_at, last_seq, traits, state`;
const AUDIT_COLUMNS = `seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after, stage_change, promotion`;

describe('replay and simulation against live scoring', () => {
  const namespace = uniqueNamespace('replay');
  let databaseUrl: string;
  let pool: Pool;
  let kafka: Kafka;
  let producer: Producer;
  let worker: AppProcess;
  let admin: AppProcess;
  let adminUrl: string;
  let strictVersion: number;
  const sent: Array<OracleEvent & { eventId: string }> = [];

  beforeAll(async () => {
    const env = testEnv();
    databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_replay');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    const parsed = parseRuleSet(STRICTER_YAML, 'yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    strictVersion = await insertRuleSet(pool, { name: 'e2e-stricter', format: 'yaml', sourceText: STRICTER_YAML, definition: parsed.definition, author: 'test' });
    kafka = new Kafka({ clientId: 'replay-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const port = await freePort();
    worker = new AppProcess('scoring', {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '3', SCORING_HTTP_PORT: String(port), LOG_LEVEL: 'warn',
    });
    worker.start();
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`);
    admin = await startAdmin();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.stop();
    await worker?.stop();
    await pool?.end();
  });

  async function startAdmin(): Promise<AppProcess> {
    const env = testEnv();
    const port = await freePort();
    const app = new AppProcess('admin', {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace,
      ADMIN_TOKEN: TOKEN, ADMIN_PORT: String(port), LOG_LEVEL: 'warn',
    });
    app.start();
    adminUrl = `http://127.0.0.1:${port}`;
    await waitForHttpOk(`${adminUrl}/health/live`);
    return app;
  }

  async function send(events: Array<OracleEvent & { eventId: string }>): Promise<void> {
    const now = new Date().toISOString();
    for (let i = 0; i < events.length; i += 250) {
      await producer.send({
        topic: topicName(namespace, 'leadEvents'),
        acks: -1,
        messages: events.slice(i, i + 250).map((event) => ({
          key: event.leadId,
          value: JSON.stringify({ v: 1, ...event, occurredAt: now, receivedAt: now, source: null, traits: null, sourceKeyId: null }),
        })),
      });
    }
    sent.push(...events);
  }

  const allScored = () => waitFor('every sent event scored', async () => {
    const counts = await readLeadCounts(pool);
    return counts.stored === sent.length && counts.audited >= sent.length ? counts : undefined;
  }, 60000);

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${adminUrl}${path}`, {
      method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
  const untilFinished = (path: string, done: string[]): Promise<any> => waitFor(`${path} finished`, async () => {
    const { body } = await call('GET', path);
    return done.includes(body.status) ? body : undefined;
  }, 60000, 100);

  const liveGeneration = async () => (await pool.query(`SELECT generation FROM projection_generations WHERE status = 'live'`)).rows[0].generation as number;
  const rows = async (table: 'lead_projections' | 'score_audit', generation: number) => (await pool.query(
    table === 'lead_projections'
      ? `SELECT ${PROJECTION_COLUMNS} FROM lead_projections WHERE generation = $1 ORDER BY lead_id`
      : `SELECT ${AUDIT_COLUMNS} FROM score_audit WHERE generation = $1 ORDER BY seq`,
    [generation],
  )).rows;

  it('scores the first events live', async () => {
    await send(generateEvents(3000, 60, 11));
    const counts = await allScored();
    expect(counts.byLead.size).toBe(60);
  });

  it('simulating the active version changes no lead', async () => {
    const started = await call('POST', '/v1/rules/1/simulate');
    expect(started.status).toBe(202);
    const done = await untilFinished(`/v1/simulations/${started.body.simulationId}`, ['done', 'failed']);
    expect(done).toMatchObject({ status: 'done', processed: 3000, total: 3000 });
    expect(done.result.changedLeads).toBe(0);
    expect(done.result.stageCountsAfter).toEqual(done.result.stageCountsBefore);
    const page = await call('GET', `/v1/simulations/${started.body.simulationId}/leads?limit=10`);
    expect(page.body).toEqual({ items: [], nextCursor: null });
  });

  it('a replay under the same version rebuilds projections and audit rows identical to live, row by row', async () => {
    const before = await liveGeneration();
    const started = await call('POST', '/v1/replay', { rulesVersion: 1 });
    expect(started.status).toBe(202);
    const done = await untilFinished(`/v1/replay/${started.body.replayId}`, ['switched', 'failed']);
    expect(done).toMatchObject({ status: 'switched', total: 3000, eta: null });
    const after = await liveGeneration();
    expect(after).toBe(before + 1);
    const [liveProjections, replayedProjections] = [await rows('lead_projections', before), await rows('lead_projections', after)];
    expect(replayedProjections).toHaveLength(60);
    expect(replayedProjections).toEqual(liveProjections);
    const [liveAudit, replayedAudit] = [await rows('score_audit', before), await rows('score_audit', after)];
    expect(replayedAudit).toHaveLength(3000);
    expect(replayedAudit).toEqual(liveAudit);
  });

  it('simulating a stricter version reports the leads it would lower', async () => {
    const expected = oracleScores(sent, 5);
    const current = oracleScores(sent, 15);
    const lowered = [...expected].filter(([leadId, score]) => score < current.get(leadId)!).map(([leadId]) => leadId).sort();
    const started = await call('POST', `/v1/rules/${strictVersion}/simulate`);
    const done = await untilFinished(`/v1/simulations/${started.body.simulationId}`, ['done', 'failed']);
    expect(done.status).toBe('done');
    expect(done.result.changedLeads).toBe(lowered.length);
    const items: Array<{ leadId: string; before: { score: number }; after: { score: number } }> = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { body: { items: typeof items; nextCursor: string | null } } = await call('GET', `/v1/simulations/${started.body.simulationId}/leads?limit=7&cursor=${cursor}`);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(items.map((item) => item.leadId)).toEqual(lowered);
    for (const item of items) expect([item.leadId, item.after.score]).toEqual([item.leadId, expected.get(item.leadId)]);
  });

  it('a replay under a stricter version, with events still flowing, lowers exactly the leads the oracle says and activates it', async () => {
    const previous = oracleScores(sent, 15);
    const started = await call('POST', '/v1/replay', { rulesVersion: strictVersion });
    expect(started.status).toBe(202);
    const flowing = send(generateEvents(2000, 70, 12)); // 10 new leads too, scored live before and after the switch
    const done = await untilFinished(`/v1/replay/${started.body.replayId}`, ['switched', 'failed']);
    await flowing;
    expect(done.status).toBe('switched');
    const counts = await allScored();
    const expected = oracleScores(sent, 5);
    expect(counts.byLead.size).toBe(expected.size);
    for (const [leadId, score] of expected) expect([leadId, counts.byLead.get(leadId)?.score]).toEqual([leadId, score]);
    // Whatever the timing of the switch, every audit row of the live generation is under the stricter version.
    const versions = await pool.query(`SELECT DISTINCT a.rule_version FROM score_audit a JOIN projection_generations g ON g.generation = a.generation AND g.status = 'live'`);
    expect(versions.rows).toEqual([{ rule_version: strictVersion }]);
    const active = await pool.query(`SELECT version FROM rule_sets WHERE is_active`);
    expect(active.rows).toEqual([{ version: strictVersion }]);
    const lowered = [...previous].filter(([leadId]) => (expected.get(leadId) ?? 0) < previous.get(leadId)!);
    expect(lowered.length).toBeGreaterThan(0);
  });

  it('kill -9 of the admin during a replay leaves live intact, and a new replay succeeds after the restart', async () => {
    const liveBefore = await liveGeneration();
    const projectionsBefore = await rows('lead_projections', liveBefore);
    // Hold the switch lock shared (as a live batch would): the replay waits at its first horizon.
    let holder: PoolClient | null = await pool.connect();
    await holder.query('SELECT pg_advisory_lock_shared($1)', [SWITCH_LOCK_KEY]);
    try {
      const started = await call('POST', '/v1/replay', { rulesVersion: 1 });
      expect(started.status).toBe(202);
      await waitFor('the replay blocked on the switch lock', async () => {
        const waiting = await pool.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        return waiting.rows.length > 0 ? true : undefined;
      }, 10000, 50);
      await admin.kill9();
      await holder.query('SELECT pg_advisory_unlock_shared($1)', [SWITCH_LOCK_KEY]);
      holder.release();
      holder = null;
      expect(await liveGeneration()).toBe(liveBefore);
      expect(await rows('lead_projections', liveBefore)).toEqual(projectionsBefore);

      admin = await startAdmin();
      const interrupted = await call('GET', `/v1/replay/${started.body.replayId}`);
      expect(interrupted.body).toMatchObject({ status: 'failed' });
      const generations = await pool.query(`SELECT status FROM projection_generations WHERE generation = $1`, [liveBefore + 1]);
      expect(generations.rows).toEqual([{ status: 'failed' }]);
    } finally {
      if (holder) {
        await holder.query('SELECT pg_advisory_unlock_all()');
        holder.release();
      }
    }
    const again = await call('POST', '/v1/replay', { rulesVersion: 1 });
    expect(again.status).toBe(202);
    const done = await untilFinished(`/v1/replay/${again.body.replayId}`, ['switched', 'failed']);
    expect(done.status).toBe('switched');
    const counts = await readLeadCounts(pool);
    const expected = oracleScores(sent, 15);
    for (const [leadId, score] of expected) expect([leadId, counts.byLead.get(leadId)?.score]).toEqual([leadId, score]);
  });

  it('answers 404 for an unknown version or replay, 400 for a bad body', async () => {
    expect((await call('POST', '/v1/replay', { rulesVersion: 999 })).status).toBe(404);
    expect((await call('POST', '/v1/replay', { rulesVersion: 'x' })).body).toEqual({ errors: [{ path: 'rulesVersion', message: 'rulesVersion must be a positive integer' }] });
    expect((await call('GET', '/v1/replay/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await call('POST', '/v1/rules/999/simulate')).status).toBe(404);
  });
});
