import { Analytics } from '@segment/analytics-node';
import { Pool } from 'pg';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { readLeadCounts } from './support/lead-counts';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const WRITE_KEY = 'e2e-identity-write-key';
const TOKEN = 'identity-e2e-admin-token';
const PROJECTION_COLUMNS = `lead_id, score, fit_score, engagement_score, grade, stage, rule_version, event_count, first_seen_at,
  last_activity_at, last_seq, traits, state`;
const AUDIT_COLUMNS = `seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after, stage_change, promotion`;

jest.setTimeout(120_000);

/**
 * Anonymous visitors browse, then become known (identify with their anonymousId, or alias); the
 * known lead's score must include the anonymous history, later anonymous events must reach it,
 * and a replay must give the same projections and audit rows. Points (SIMPLE_RULES_YAML): page +1,
 * email open +2, whitepaper +15.
 */
describe('identity merging: anonymous history counts for the known lead', () => {
  const namespace = uniqueNamespace('identity');
  let pool: Pool;
  const apps: AppProcess[] = [];
  let ingestUrl: string;
  let adminUrl: string;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_identity');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    const [ingestPort, scoringPort, adminPort] = [await freePort(), await freePort(), await freePort()];
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
  });

  afterAll(async () => {
    for (const app of apps) await app.stop();
    await pool?.end();
  });

  async function send(calls: (analytics: Analytics) => void): Promise<void> {
    const analytics = new Analytics({ writeKey: WRITE_KEY, host: ingestUrl, path: '/v1/batch', maxEventsInBatch: 20, flushInterval: 100 });
    const failures: unknown[] = [];
    analytics.on('error', (error) => failures.push(error));
    calls(analytics);
    await analytics.closeAndFlush({ timeout: 20_000 });
    expect(failures).toEqual([]);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
  const admin = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${adminUrl}${path}`, {
      method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json();
  };

  const leadsReach = (want: Record<string, { score: number; eventCount: number }>) => waitFor('the leads to reach their scores', async () => {
    const { byLead } = await readLeadCounts(pool);
    return Object.entries(want).every(([leadId, expected]) => JSON.stringify(byLead.get(leadId)) === JSON.stringify(expected)) ? byLead : undefined;
  }, 60_000);

  it('scores anonymous visitors under their anonymousId', async () => {
    await send((analytics) => {
      analytics.page({ anonymousId: 'anon-v1', messageId: 'v1-page-1', name: 'Pricing', properties: { url: 'https://x.test/pricing' } });
      analytics.page({ anonymousId: 'anon-v1', messageId: 'v1-page-2', name: 'Blog', properties: { url: 'https://x.test/blog' } });
      analytics.track({ anonymousId: 'anon-v1', messageId: 'v1-paper', event: 'Whitepaper Download' });
      analytics.page({ anonymousId: 'anon-v2', messageId: 'v2-page-1', name: 'Pricing', properties: { url: 'https://x.test/pricing' } });
      analytics.track({ anonymousId: 'anon-v2', messageId: 'v2-email', event: 'Email Open' });
      analytics.page({ anonymousId: 'anon-v3', messageId: 'v3-page-1', name: 'Home', properties: { url: 'https://x.test/' } });
    });
    await leadsReach({ 'anon-v1': { score: 17, eventCount: 3 }, 'anon-v2': { score: 3, eventCount: 2 }, 'anon-v3': { score: 1, eventCount: 1 } });
  });

  it('counts the anonymous history for the lead an identify or an alias links it to', async () => {
    await send((analytics) => {
      analytics.identify({ userId: 'known-1', anonymousId: 'anon-v1', messageId: 'k1-identify', traits: { email: 'k1@example.test' } });
      analytics.track({ userId: 'known-1', messageId: 'k1-email', event: 'Email Open' });
      analytics.alias({ userId: 'known-2', previousId: 'anon-v2', messageId: 'k2-alias' });
      analytics.track({ userId: 'known-2', messageId: 'k2-paper', event: 'Whitepaper Download' });
    });
    // known-1: identify + email (2) + 3 copies (17); known-2: alias + whitepaper (15) + 2 copies (3).
    await leadsReach({ 'known-1': { score: 19, eventCount: 5 }, 'known-2': { score: 18, eventCount: 4 }, 'anon-v3': { score: 1, eventCount: 1 } });
    // anon-v1 keeps its score; its eventCount counts the marker stored under its id too.
    expect(await admin('GET', '/v1/leads/anon-v1')).toMatchObject({ leadId: 'anon-v1', score: 17, eventCount: 4, mergedInto: 'known-1' });
    expect(await admin('GET', '/v1/leads/known-1')).toMatchObject({ leadId: 'known-1', score: 19, mergedInto: null, traits: { email: 'k1@example.test' } });
    expect(await admin('GET', '/v1/leads/anon-v3')).toMatchObject({ mergedInto: null });
  });

  it('sends later events of the anonymousId to the known lead, and counts a resent link once', async () => {
    await send((analytics) => {
      analytics.page({ anonymousId: 'anon-v1', messageId: 'v1-page-3', name: 'Demo', properties: { url: 'https://x.test/demo' } });
      analytics.identify({ userId: 'known-1', anonymousId: 'anon-v1', messageId: 'k1-identify', traits: { email: 'k1@example.test' } });
      analytics.alias({ userId: 'known-2', previousId: 'anon-v2', messageId: 'k2-alias' });
    });
    await leadsReach({ 'known-1': { score: 20, eventCount: 6 }, 'anon-v1': { score: 17, eventCount: 5 }, 'known-2': { score: 18, eventCount: 4 } });
    const copies = await pool.query(`SELECT properties->'mergedFrom'->>'eventId' AS origin FROM lead_events WHERE lead_id = 'known-1' AND event_id LIKE 'merged:%' ORDER BY seq`);
    expect(copies.rows.map((row) => row.origin)).toEqual(['v1-page-1', 'v1-page-2', 'v1-paper', 'v1-page-3']);
  });

  it('gives the same projections and audit rows after a replay', async () => {
    const generation = async () => (await pool.query(`SELECT generation FROM projection_generations WHERE status = 'live'`)).rows[0].generation as number;
    const rows = async (sql: string, at: number) => (await pool.query(sql, [at])).rows;
    const before = await generation();
    const started = await admin('POST', '/v1/replay', { rulesVersion: 1 });
    const done = await waitFor('the replay to finish', async () => {
      const status = await admin('GET', `/v1/replay/${started.replayId}`);
      return ['switched', 'failed'].includes(status.status) ? status : undefined;
    }, 60_000, 100);
    expect(done.status).toBe('switched');
    const after = await generation();
    expect(after).not.toBe(before);
    const projections = `SELECT ${PROJECTION_COLUMNS} FROM lead_projections WHERE generation = $1 ORDER BY lead_id`;
    const audit = `SELECT ${AUDIT_COLUMNS} FROM score_audit WHERE generation = $1 ORDER BY seq`;
    expect(await rows(projections, after)).toEqual(await rows(projections, before));
    expect(await rows(audit, after)).toEqual(await rows(audit, before));
    expect(await admin('GET', '/v1/leads/known-1')).toMatchObject({ score: 20, eventCount: 6 });
    expect(await admin('GET', '/v1/leads/anon-v1')).toMatchObject({ score: 17, mergedInto: 'known-1' });
  });
});
