import { Kafka, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { topicName } from '@leadscore/contracts';
import { TRANSPARENT_GIF } from '../apps/ingest/src/pixel/pixel-hit';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const WRITE_KEY = 'e2e-reserved-write-key';
const TOKEN = 'reserved-e2e-admin-token';
const DAY_MS = 86_400_000;
const RULES = `
name: e2e-reserved
thresholds: { mql: 50, sql: 100 }
score: { floor: 0, ceiling: 200 }
rules:
  - { id: email-open, when: { type: email_open }, points: 2 }
  - { id: page-visit, when: { type: page_visit }, points: 1 }
  - { id: idle, when: { type: inactivity_tick }, points: -1 }
  - { id: feedback, when: { type: sales_feedback }, points: 7 }
`;
const PROJECTION_COLUMNS = `lead_id, score, fit_score, engagement_score, grade, stage, rule_version, event_count, first_seen_at,
  last_activity_at, last_seq, traits, state`;
const AUDIT_COLUMNS = `seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after, stage_change, promotion`;

jest.setTimeout(180_000);

/**
 * A write key is public: every public route refuses the system's own types and id namespaces and
 * changes no lead; the internal producers (admin feedback, the inactivity scheduler, identity
 * merging) still act; an event forged onto lead-events or into the store with a reserved type
 * and public provenance acts as nothing, live and under replay.
 */
describe('reserved types and ids: only the system writes them', () => {
  const namespace = uniqueNamespace('reserved');
  let pool: Pool;
  let producer: Producer;
  const apps: AppProcess[] = [];
  let ingestUrl: string;
  let adminUrl: string;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_reserved');
    await seedRuleSet(databaseUrl, RULES);
    pool = new Pool({ connectionString: databaseUrl });
    const [ingestPort, scoringPort, adminPort, handoffPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const common = {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '3', INGEST_WRITE_KEYS: WRITE_KEY, LOG_LEVEL: 'warn',
    };
    apps.push(
      new AppProcess('ingest', { ...common, INGEST_PORT: String(ingestPort) }),
      new AppProcess('scoring', { ...common, SCORING_HTTP_PORT: String(scoringPort) }),
      new AppProcess('admin', { ...common, ADMIN_TOKEN: TOKEN, ADMIN_PORT: String(adminPort) }),
    );
    apps.forEach((app) => app.start());
    ingestUrl = `http://127.0.0.1:${ingestPort}`;
    adminUrl = `http://127.0.0.1:${adminPort}`;
    await waitForHttpOk(`${ingestUrl}/health/ready`);
    await waitForHttpOk(`http://127.0.0.1:${scoringPort}/health/ready`);
    await waitForHttpOk(`${adminUrl}/health/live`);
    const handoff = new AppProcess('handoff', { ...common, HANDOFF_HTTP_PORT: String(handoffPort), INACTIVITY_AFTER: '14d', INACTIVITY_SCAN_EVERY: '1s' });
    handoff.start();
    apps.push(handoff);
    await waitForHttpOk(`http://127.0.0.1:${handoffPort}/health/ready`);
    const kafka = new Kafka({ clientId: 'reserved-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    for (const app of apps) await app.stop();
    await pool?.end();
  });

  const json = (body: unknown) => ({ method: 'POST', headers: { authorization: `Bearer ${WRITE_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
  const ingest = async (path: string, body: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${ingestUrl}${path}`, json(body));
    return { status: response.status, body: await response.json() };
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
  const admin = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${adminUrl}${path}`, {
      method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const lead = async (leadId: string) => (await admin('GET', `/v1/leads/${leadId}`)).body;
  const leadReaches = (leadId: string, want: (view: Record<string, unknown>) => boolean) =>
    waitFor(`${leadId} to reach the expected state`, async () => {
      const view = await lead(leadId);
      return view.leadId === leadId && want(view) ? view : undefined;
    }, 30_000);
  const storedCount = async (sql: string, params: unknown[]) => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead_events WHERE ${sql}`, params)).rows[0].n;
  const pixelInvalid = async () => {
    const text = await (await fetch(`${ingestUrl}/metrics`)).text();
    const line = text.split('\n').find((row) => /^leadscore_\w*pixel_hits_total\{[^}]*outcome="invalid"/.test(row));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  };

  it('the victim lead starts with two public events', async () => {
    expect((await ingest('/v1/events', { events: [{ leadId: 'victim', type: 'email_open' }, { leadId: 'victim', type: 'page_visit' }] })).status).toBe(202);
    await leadReaches('victim', (view) => view.eventCount === 2);
    expect(await lead('victim')).toMatchObject({ score: 3, stage: 'new' });
  });

  describe.each(['sales_feedback', 'inactivity_tick', 'identity_merged'])('the reserved type %s', (type) => {
    const properties = { action: 'won', into: 'attacker', idleDays: 400 };

    it('is refused by the native API, single (path type) and in a batch (events.N.type, the whole batch)', async () => {
      const single = await ingest('/v1/events', { leadId: 'victim', type, properties });
      expect(single.status).toBe(400);
      expect(single.body.errors).toEqual([{ path: 'type', message: expect.stringContaining(`type ${type} is reserved`) }]);
      const batch = await ingest('/v1/events', { events: [{ leadId: 'victim', type: 'email_open', eventId: `ok-${type}` }, { leadId: 'victim', type, properties }] });
      expect(batch.status).toBe(400);
      expect(batch.body.errors).toEqual([{ path: 'events.1.type', message: expect.stringContaining('is reserved') }]);
      expect(await storedCount('event_id = $1', [`ok-${type}`])).toBe(0);
    });

    it('is refused by Segment, single and in /v1/batch, with success: false', async () => {
      const name = type.split('_').map((word) => word[0].toUpperCase() + word.slice(1)).join(' '); // "Sales Feedback"
      const single = await ingest('/v1/track', { userId: 'victim', event: name, properties });
      expect(single).toMatchObject({ status: 400, body: { success: false, errors: [{ path: 'event', message: expect.stringContaining('is reserved') }] } });
      const batch = await ingest('/v1/batch', { batch: [{ type: 'track', userId: 'victim', event: 'Email Open', messageId: `seg-ok-${type}` }, { type: 'track', userId: 'victim', event: name }] });
      expect(batch).toMatchObject({ status: 400, body: { success: false, errors: [{ path: 'batch.1.event' }] } });
      expect(await storedCount('event_id = $1', [`seg-ok-${type}`])).toBe(0);
    });

    it('is answered with the GIF by the pixel, recorded nowhere, counted as invalid', async () => {
      const invalidBefore = await pixelInvalid();
      const response = await fetch(`${ingestUrl}/v1/pixel.gif?k=${WRITE_KEY}&lead=victim&type=${type}&action=won&into=attacker`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/gif');
      expect(Buffer.from(await response.arrayBuffer())).toEqual(TRANSPARENT_GIF);
      expect(await pixelInvalid()).toBe(invalidBefore + 1);
    });
  });

  it.each([
    ['inactivity:victim:2026-12-03'], ['merge:victim-link'], ['merged:0123456789abcdef'], ['feedback:00000000-0000-4000-8000-000000000000'],
  ])('refuses the system eventId %s on every route that takes ids', async (eventId) => {
    const native = await ingest('/v1/events', { eventId, leadId: 'victim', type: 'email_open' });
    expect(native).toMatchObject({ status: 400, body: { errors: [{ path: 'eventId', message: expect.stringContaining('must not start with') }] } });
    const batch = await ingest('/v1/events', { events: [{ leadId: 'victim', type: 'email_open' }, { eventId, leadId: 'victim', type: 'email_open' }] });
    expect(batch).toMatchObject({ status: 400, body: { errors: [{ path: 'events.1.eventId' }] } });
    for (const [path, call] of [
      ['/v1/track', { userId: 'victim', event: 'Email Open', messageId: eventId }],
      ['/v1/page', { userId: 'victim', messageId: eventId, properties: { url: '/x' } }],
      ['/v1/identify', { userId: 'victim', messageId: eventId, traits: { email: 'v@x.test' } }],
    ] as const) {
      expect(await ingest(path, call)).toMatchObject({ status: 400, body: { success: false, errors: [{ path: 'messageId' }] } });
    }
    expect(await ingest('/v1/batch', { batch: [{ type: 'alias', userId: 'victim', previousId: 'anon-x', messageId: eventId }] }))
      .toMatchObject({ status: 400, body: { success: false, errors: [{ path: 'batch.0.messageId' }] } });
    expect(await storedCount('event_id = $1', [eventId])).toBe(0);
  });

  it('none of it changed the victim or stored anything', async () => {
    // A public event sent after all of them is scored: had anything been taken, it would be scored before it.
    expect((await ingest('/v1/events', { eventId: 'victim-last', leadId: 'victim', type: 'page_visit' })).status).toBe(202);
    await leadReaches('victim', (view) => view.eventCount === 3);
    expect(await lead('victim')).toMatchObject({ score: 4, stage: 'new', eventCount: 3, mergedInto: null });
    expect(await storedCount(`type IN ('sales_feedback', 'inactivity_tick', 'identity_merged')`, [])).toBe(0);
    expect(await storedCount(`lead_id = 'attacker'`, [])).toBe(0);
  });

  it('the admin feedback endpoint still acts, recorded as from admin', async () => {
    expect((await ingest('/v1/events', { leadId: 'sold', type: 'email_open' })).status).toBe(202);
    await leadReaches('sold', (view) => view.eventCount === 1);
    expect((await admin('POST', '/v1/leads/sold/feedback', { action: 'won', by: 'alice' })).status).toBe(202);
    await leadReaches('sold', (view) => view.stage === 'customer');
    expect(await lead('sold')).toMatchObject({ stage: 'customer', score: 9, eventCount: 2 });
    const stored = await pool.query(`SELECT event_id, producer, source_key_id FROM lead_events WHERE lead_id = 'sold' AND type = 'sales_feedback'`);
    expect(stored.rows).toEqual([{ event_id: expect.stringMatching(/^feedback:/), producer: 'admin', source_key_id: null }]);
  });

  it('the inactivity scheduler still ticks, recorded as from the scheduler', async () => {
    const idleSince = new Date(Date.now() - 20 * DAY_MS).toISOString();
    expect((await ingest('/v1/events', { leadId: 'idle', type: 'email_open', occurredAt: idleSince })).status).toBe(202);
    await leadReaches('idle', (view) => view.eventCount === 2 && view.score === 1);
    const ticks = await pool.query(`SELECT event_id, producer FROM lead_events WHERE lead_id = 'idle' AND type = 'inactivity_tick'`);
    expect(ticks.rows).toEqual([{ event_id: expect.stringMatching(/^inactivity:idle:/), producer: 'scheduler' }]);
  });

  it('identity merging still works: the marker is the scoring worker\'s, copies keep their original\'s provenance', async () => {
    expect((await ingest('/v1/track', { anonymousId: 'anon-m', event: 'Email Open', messageId: 'anon-m-open' })).status).toBe(200);
    await leadReaches('anon-m', (view) => view.eventCount === 1);
    expect((await ingest('/v1/alias', { userId: 'known-m', previousId: 'anon-m', messageId: 'known-m-alias' })).status).toBe(200);
    await leadReaches('known-m', (view) => view.score === 2 && view.eventCount === 2);
    expect(await lead('anon-m')).toMatchObject({ mergedInto: 'known-m' });
    const rows = await pool.query(`SELECT lead_id, type, producer, source_key_id IS NOT NULL AS keyed FROM lead_events WHERE lead_id IN ('anon-m', 'known-m') ORDER BY seq`);
    expect(rows.rows).toEqual([
      { lead_id: 'anon-m', type: 'email_open', producer: 'public', keyed: true },
      { lead_id: 'known-m', type: 'alias', producer: 'public', keyed: true },
      { lead_id: 'anon-m', type: 'identity_merged', producer: 'scoring', keyed: true },
      { lead_id: 'known-m', type: 'email_open', producer: 'public', keyed: true },
    ]);
  });

  it('an eventId stored first for another lead does not pre-empt this lead\'s event (a guessed Segment messageId); a repeat within the lead is still one', async () => {
    // The key's holder posts the victim's next messageId (guessed) under a lead of its own, first.
    expect((await ingest('/v1/events', { eventId: 'ajs-msg-guessed', leadId: 'squatter', type: 'page_visit' })).status).toBe(202);
    await leadReaches('squatter', (view) => view.eventCount === 1);
    // The victim's real event with that id, through Segment, then its SDK's retry of it.
    const track = { userId: 'victim-a', event: 'Email Open', messageId: 'ajs-msg-guessed' };
    expect((await ingest('/v1/track', track)).status).toBe(200);
    expect((await ingest('/v1/track', track)).status).toBe(200);
    // Same key, same partition: once this one is scored, the two before it were handled.
    expect((await ingest('/v1/events', { eventId: 'victim-a-next', leadId: 'victim-a', type: 'page_visit' })).status).toBe(202);
    await leadReaches('victim-a', (view) => view.eventCount === 2);
    expect(await lead('victim-a')).toMatchObject({ score: 3, eventCount: 2 });
    expect(await lead('squatter')).toMatchObject({ score: 1, eventCount: 1 });
    const timeline = (await admin('GET', '/v1/leads/victim-a/timeline')).body.items as Array<{ eventId: string; type: string; points: number }>;
    expect(timeline.map(({ eventId, type, points }) => [eventId, type, points])).toEqual([['ajs-msg-guessed', 'email_open', 2], ['victim-a-next', 'page_visit', 1]]);
    expect((await pool.query(`SELECT lead_id, type FROM lead_events WHERE event_id = 'ajs-msg-guessed' ORDER BY seq`)).rows)
      .toEqual([{ lead_id: 'squatter', type: 'page_visit' }, { lead_id: 'victim-a', type: 'email_open' }]);
  });

  it('two leads\' events of one eventId, both merged into a third lead, are two copies there', async () => {
    for (const anon of ['anon-p1', 'anon-p2']) {
      expect((await ingest('/v1/events', { eventId: 'shared-open', leadId: anon, type: 'email_open' })).status).toBe(202);
      await leadReaches(anon, (view) => view.eventCount === 1);
    }
    expect((await ingest('/v1/alias', { userId: 'known-p', previousId: 'anon-p1', messageId: 'known-p-alias-1' })).status).toBe(200);
    expect((await ingest('/v1/alias', { userId: 'known-p', previousId: 'anon-p2', messageId: 'known-p-alias-2' })).status).toBe(200);
    // Two aliases and two copies of an email_open (2 points each).
    await leadReaches('known-p', (view) => view.eventCount === 4);
    expect(await lead('known-p')).toMatchObject({ score: 4, eventCount: 4 });
    const copies = await pool.query(`SELECT properties->'mergedFrom'->>'leadId' AS origin FROM lead_events WHERE lead_id = 'known-p' AND type = 'email_open' ORDER BY 1`);
    expect(copies.rows).toEqual([{ origin: 'anon-p1' }, { origin: 'anon-p2' }]);
  });

  it('an event forged onto lead-events with a reserved type and public provenance acts as nothing, and the timeline says why', async () => {
    const now = new Date().toISOString();
    const forged = (eventId: string, type: string, properties: Record<string, unknown>, extra: Record<string, unknown>) => ({
      key: 'forged', value: JSON.stringify({ v: 1, eventId, leadId: 'forged', type, occurredAt: now, receivedAt: now, source: null, properties, traits: null, ...extra }),
    });
    await producer.send({
      topic: topicName(namespace, 'leadEvents'), acks: -1,
      messages: [
        forged('forged-open', 'email_open', {}, { sourceKeyId: 'key-x', producer: 'public' }),
        forged('forged-won', 'sales_feedback', { action: 'won' }, { sourceKeyId: 'key-x', producer: 'public' }),
        // A message of an older ingest (no producer field): its write key makes it public.
        forged('forged-accept', 'sales_feedback', { action: 'accept' }, { sourceKeyId: 'key-x' }),
        forged('forged-merge', 'identity_merged', { into: 'attacker' }, { sourceKeyId: 'key-x', producer: 'public' }),
        forged('forged-tick', 'inactivity_tick', { idleDays: 99 }, { sourceKeyId: null, producer: 'public' }),
        forged('forged-visit', 'page_visit', {}, { sourceKeyId: 'key-x', producer: 'public' }),
      ],
    });
    await leadReaches('forged', (view) => view.eventCount === 6);
    expect(await lead('forged')).toMatchObject({ score: 3, stage: 'new', eventCount: 6, mergedInto: null });
    const timeline = (await admin('GET', '/v1/leads/forged/timeline')).body.items as Array<{ eventId: string; ignored: boolean; note: string | null; producer: string; points: number }>;
    expect(timeline.map(({ eventId, ignored, producer, points }) => [eventId, ignored, producer, points])).toEqual([
      ['forged-open', false, 'public', 2],
      ['forged-won', true, 'public', 0],
      ['forged-accept', true, 'public', 0],
      ['forged-merge', true, 'public', 0],
      ['forged-tick', true, 'public', 0],
      ['forged-visit', false, 'public', 1],
    ]);
    expect(timeline[1].note).toBe('ignored: sales_feedback is a reserved type honoured only from the admin producer, this event came from public');
    expect(await storedCount(`lead_id = 'attacker'`, [])).toBe(0);
  });

  it('a row forged straight into the store acts as nothing under replay, which reproduces live scoring', async () => {
    // Stored before the fix would be like this: a public key id, the column's default provenance.
    await pool.query(
      `INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at, properties, source_key_id)
       VALUES ('stored-won', 'victim', 'sales_feedback', now(), now(), '{"action": "won"}', 'key-x')`,
    );
    const liveGeneration = async () => (await pool.query(`SELECT generation FROM projection_generations WHERE status = 'live'`)).rows[0].generation as number;
    const rows = async (table: 'lead_projections' | 'score_audit', generation: number) => (await pool.query(
      table === 'lead_projections'
        ? `SELECT ${PROJECTION_COLUMNS} FROM lead_projections WHERE generation = $1 ORDER BY lead_id`
        : `SELECT ${AUDIT_COLUMNS} FROM score_audit WHERE generation = $1 ORDER BY seq`,
      [generation],
    )).rows;
    const before = await liveGeneration();
    const started = await admin('POST', '/v1/replay', { rulesVersion: 1 });
    expect(started.status).toBe(202);
    const done = await waitFor('the replay to finish', async () => {
      const { body } = await admin('GET', `/v1/replay/${started.body.replayId}`);
      return ['switched', 'failed'].includes(body.status) ? body : undefined;
    }, 60_000, 100);
    expect(done.status).toBe('switched');
    const after = await liveGeneration();
    const [liveProjections, replayed] = [await rows('lead_projections', before), await rows('lead_projections', after)];
    // The forged row is the only difference: counted on the victim, nothing else moved.
    const victim = (list: Array<Record<string, unknown>>) => list.find((row) => row.lead_id === 'victim')!;
    expect(victim(replayed)).toMatchObject({ score: victim(liveProjections).score, stage: 'new', event_count: (victim(liveProjections).event_count as number) + 1 });
    expect(replayed.filter((row) => row.lead_id !== 'victim')).toEqual(liveProjections.filter((row) => row.lead_id !== 'victim'));
    const [liveAudit, replayedAudit] = [await rows('score_audit', before), await rows('score_audit', after)];
    const forgedAudit = replayedAudit.filter((row) => row.event_id === 'stored-won');
    expect(forgedAudit).toEqual([expect.objectContaining({ stage_after: 'new', stage_change: { note: expect.stringMatching(/^ignored: sales_feedback/), ignored: true } })]);
    expect(Number(forgedAudit[0].points)).toBe(0);
    expect(replayedAudit.filter((row) => row.event_id !== 'stored-won')).toEqual(liveAudit);
    expect(await lead('victim')).toMatchObject({ stage: 'new', score: 4, eventCount: 4 });
  });
});
