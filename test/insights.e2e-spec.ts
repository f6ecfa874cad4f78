import { Pool } from 'pg';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const WRITE_KEY = 'e2e-insights-write-key';
const TOKEN = 'insights-e2e-admin-token';
const DAY_MS = 86_400_000;
const RULES = `
name: e2e-insights
thresholds: { mql: 50, sql: 100 }
rules:
  - { id: visit, when: { type: page_visit }, points: 10 }
  - { id: demo, when: { type: demo_request }, points: 50 }
`;

jest.setTimeout(180_000);

/**
 * The live pipeline writes the insight columns: events through ingest, scored by the worker,
 * sales feedback (a won amount) through the admin; insights answer the hand-computed numbers, and
 * a replay under the same version (the COPY writers) answers exactly the same.
 */
describe('insights through the live pipeline (ingest → scoring, admin feedback), then a replay', () => {
  const namespace = uniqueNamespace('insights');
  let pool: Pool;
  const apps: AppProcess[] = [];
  let ingestUrl: string;
  let adminUrl: string;
  const now = Date.now();
  const from = new Date(now - 30 * DAY_MS).toISOString();
  const to = new Date(now + DAY_MS).toISOString();
  const window = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const month = new Date(now).toISOString().slice(0, 7);

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_insights');
    await seedRuleSet(databaseUrl, RULES);
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

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
  const admin = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${adminUrl}${path}`, {
      method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const send = async (events: unknown[]) => {
    const response = await fetch(`${ingestUrl}/v1/events`, {
      method: 'POST', headers: { authorization: `Bearer ${WRITE_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }),
    });
    expect(response.status).toBe(202);
  };
  const reaches = (leadId: string, want: (view: Record<string, unknown>) => boolean) =>
    waitFor(`${leadId} to reach the expected state`, async () => {
      const { status, body } = await admin('GET', `/v1/leads/${leadId}`);
      return status === 200 && want(body) ? body : undefined;
    }, 30_000);
  const feedback = async (leadId: string, body: unknown) => expect((await admin('POST', `/v1/leads/${leadId}/feedback`, body)).status).toBe(202);
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS).toISOString();

  it('answers the hand-computed numbers from live scoring, and the same after a replay', async () => {
    await send([
      { leadId: 'e-a1', type: 'page_visit', source: 'ads', occurredAt: at(10) },
      { leadId: 'e-a1', type: 'demo_request', source: 'ads', occurredAt: at(8) },
      { leadId: 'e-a2', type: 'demo_request', source: 'ads', occurredAt: at(6) },
      { leadId: 'e-s1', type: 'page_visit', source: 'seo', occurredAt: at(4) },
      { leadId: 'e-old', type: 'demo_request', source: 'ads', occurredAt: at(40) },
    ]);
    await reaches('e-a1', (v) => v.stage === 'mql');
    await reaches('e-a2', (v) => v.stage === 'mql');
    await reaches('e-s1', (v) => v.eventCount === 1);
    await reaches('e-old', (v) => v.stage === 'mql');
    await feedback('e-a1', { action: 'accept', by: 'carol' });
    await reaches('e-a1', (v) => v.stage === 'sql');
    await feedback('e-a1', { action: 'won', amount: 1234.56, by: 'carol' });
    await feedback('e-a2', { action: 'lost', by: 'carol' });
    await feedback('e-s1', { action: 'disqualify', by: 'carol' });
    expect((await admin('POST', '/v1/leads/e-a2/feedback', { action: 'won', amount: -3 })).status).toBe(400);
    const a1 = await reaches('e-a1', (v) => v.stage === 'customer');
    await reaches('e-a2', (v) => v.stage === 'nurture');
    await reaches('e-s1', (v) => v.stage === 'unqualified');
    expect(a1).toMatchObject({ source: 'ads', revenue: 1234.56, milestones: { mqlAt: at(8), lostAt: null } });
    expect((await admin('PUT', `/v1/insights/costs/ads`, { month, amount: 1000, currency: 'EUR' })).status).toBe(200);

    const live = await admin('GET', `/v1/insights?${window}`);
    expect(live.status).toBe(200);
    // e-old (first seen 40 days ago) is outside the window.
    expect(live.body).toMatchObject({
      leads: 3,
      funnel: [
        { stage: 'new', reached: 3, conversionFromPrevious: null }, { stage: 'mql', reached: 2, conversionFromPrevious: 2 / 3 },
        { stage: 'sql', reached: 1, conversionFromPrevious: 0.5 }, { stage: 'opportunity', reached: 1, conversionFromPrevious: 1 },
        { stage: 'customer', reached: 1, conversionFromPrevious: 1 },
      ],
      bySource: [
        // e-a1: mql 2 days after its first visit; e-a2: at its first event
        { source: 'ads', leads: 2, mql: 2, sql: 1, customers: 1, mqlToSqlRate: 0.5, leadToCustomerRate: 0.5, medianDaysToMql: 1,
          cost: 1000, costPerLead: 500, costPerCustomer: 1000, revenue: 1234.56, roi: 0.2346 },
        { source: 'seo', leads: 1, mql: 0, sql: 0, customers: 0, mqlToSqlRate: null, leadToCustomerRate: 0, medianDaysToMql: null, medianDaysToCustomer: null,
          cost: null, costPerLead: null, costPerCustomer: null, revenue: 0, roi: null },
      ],
      stageCounts: { customer: 1, nurture: 1, unqualified: 1, new: 0, mql: 0 },
    });
    const liveThresholds = await admin('GET', `/v1/insights/thresholds?${window}`);
    // won e-a1 peaked at 60, lost e-a2 at 50, disqualified e-s1 at 10
    expect(liveThresholds.body).toMatchObject({ outcomes: { won: 1, lost: 2 }, best: { threshold: 55, won: 1, lost: 0, f1: 1 }, active: { threshold: 50, won: 1, lost: 1 } });

    const started = await admin('POST', '/v1/replay', { rulesVersion: a1.ruleVersion });
    expect(started.status).toBe(202);
    await waitFor('the replay switched', async () => {
      const { body } = await admin('GET', `/v1/replay/${started.body.replayId}`);
      if (body.status === 'failed') throw new Error(JSON.stringify(body));
      return body.status === 'switched' ? body : undefined;
    }, 60_000);
    expect(await admin('GET', `/v1/insights?${window}`)).toEqual(live);
    expect(await admin('GET', `/v1/insights/thresholds?${window}`)).toEqual(liveThresholds);
    expect((await admin('GET', '/v1/leads/e-a1')).body).toEqual(a1);
  });
});
