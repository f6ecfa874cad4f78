import { createServer, type Server } from 'node:http';
import { Analytics } from '@segment/analytics-node';
import { Kafka, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { topicName } from '@leadscore/contracts';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const WRITE_KEY = 'e2e-privacy-write-key';
const TOKEN = 'privacy-e2e-admin-token';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
type Json = any;

jest.setTimeout(240_000);

/** Every text, varchar, char, json(b) and array column of every table in the schema, searched for `needle`. */
async function findEverywhere(pool: Pool, needle: string): Promise<string[]> {
  const columns = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
  );
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns.rows) {
    const hit = await pool.query(`SELECT 1 FROM "${table}" WHERE "${column}"::text ILIKE '%' || $1 || '%' LIMIT 1`, [needle]);
    if (hit.rows.length > 0) found.push(`${table}.${column}`);
  }
  return found;
}

/**
 * A lead with traits (email), properties, an anonymous id merged into it, a handoff and a delivered
 * webhook, plus a dead letter of its own, is erased through the ops API; every other lead must be
 * untouched, before and after a replay. Points (SIMPLE_RULES_YAML): page +1, whitepaper +15, MQL 50.
 */
describe('privacy: erasing a lead everywhere', () => {
  const namespace = uniqueNamespace('privacy');
  const processes: Record<string, AppProcess> = {};
  const webhooks: string[] = [];
  let receiver: Server;
  let pool: Pool;
  let producer: Producer;
  let ingestUrl: string;
  let adminUrl: string;
  let scoringUrl: string;
  let rulesVersion: number;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_privacy');
    rulesVersion = await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        webhooks.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const ports = { ingest: await freePort(), scoring: await freePort(), handoff: await freePort(), admin: await freePort() };
    const common = {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace,
      KAFKA_PARTITIONS: '3', INGEST_WRITE_KEYS: WRITE_KEY, LOG_LEVEL: 'warn', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '100ms,100ms',
    };
    processes.ingest = new AppProcess('ingest', { ...common, INGEST_PORT: String(ports.ingest) });
    processes.scoring = new AppProcess('scoring', { ...common, SCORING_HTTP_PORT: String(ports.scoring) });
    processes.handoff = new AppProcess('handoff', { ...common, HANDOFF_HTTP_PORT: String(ports.handoff) });
    processes.admin = new AppProcess('admin', { ...common, ADMIN_TOKEN: TOKEN, ADMIN_PORT: String(ports.admin) });
    Object.values(processes).forEach((app) => app.start());
    ingestUrl = `http://127.0.0.1:${ports.ingest}`;
    adminUrl = `http://127.0.0.1:${ports.admin}`;
    scoringUrl = `http://127.0.0.1:${ports.scoring}`;
    await waitForHttpOk(`${ingestUrl}/health/ready`);
    await waitForHttpOk(`${scoringUrl}/health/ready`);
    await waitForHttpOk(`http://127.0.0.1:${ports.handoff}/health/ready`);
    await waitForHttpOk(`${adminUrl}/health/live`);
    const port = (receiver.address() as { port: number }).port;
    const routing = await admin('PUT', '/v1/routing', { teams: [{ id: 'sales', members: ['sam'], strategy: 'round_robin', webhook: { url: `http://127.0.0.1:${port}/hook` } }] });
    expect(routing.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the handoff worker re-reads routing every 2 s
    producer = new Kafka({ clientId: 'privacy-e2e', brokers: env.kafkaBrokers.split(','), logLevel: 1 }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    for (const app of Object.values(processes)) await app.stop();
    await producer?.disconnect();
    await pool?.end();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${adminUrl}${path}`, {
      method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async function send(calls: (analytics: Analytics) => void): Promise<void> {
    const analytics = new Analytics({ writeKey: WRITE_KEY, host: ingestUrl, path: '/v1/batch', maxEventsInBatch: 50, flushInterval: 100 });
    const failures: unknown[] = [];
    analytics.on('error', (error) => failures.push(error));
    calls(analytics);
    await analytics.closeAndFlush({ timeout: 20_000 });
    expect(failures).toEqual([]);
  }

  /** A person: anonymous pages with a property, then identify (email, merge), then whitepapers to MQL. */
  function person(analytics: Analytics, name: string, whitepapers: number): void {
    analytics.page({ anonymousId: `anon-${name}`, messageId: `${name}-p1`, name: 'Pricing', properties: { url: `https://x.test/pricing?ref=${name}-secret-prop` } });
    analytics.page({ anonymousId: `anon-${name}`, messageId: `${name}-p2`, name: 'Docs', properties: { url: 'https://x.test/docs' } });
    analytics.identify({ userId: `lead-${name}`, anonymousId: `anon-${name}`, messageId: `${name}-id`, traits: { email: `${name}@mail.example`, industry: `${name}-corp` } });
    for (let i = 0; i < whitepapers; i++) analytics.track({ userId: `lead-${name}`, messageId: `${name}-wp-${i}`, event: 'Whitepaper Download' });
  }

  /** A message the scoring worker cannot parse (no type), keyed by the lead: it lands in the DLQ with its bytes. */
  async function poison(leadId: string, email: string): Promise<void> {
    await producer.send({ topic: topicName(namespace, 'leadEvents'), acks: -1, messages: [{ key: leadId, value: JSON.stringify({ v: 1, leadId, traits: { email } }) }] });
  }

  const view = async (leadId: string) => (await admin('GET', `/v1/leads/${leadId}`)).body;
  const everyView = async (leadIds: string[]) => Object.fromEntries(await Promise.all(leadIds.map(async (id) => [id, await view(id)])));
  const listed = async () => ((await admin('GET', '/v1/leads?limit=100')).body.items as Array<{ leadId: string }>).map((item) => item.leadId).sort();
  const waitErasure = (erasureId: string) => waitFor(`erasure ${erasureId} done`, async () => {
    const status = await admin('GET', `/v1/erasures/${erasureId}`);
    return status.body.status === 'done' ? status.body : undefined;
  }, 120_000, 250);
  /** The sum of a counter's samples carrying `label` (the registry adds app="…" to every one). */
  const metric = async (url: string, name: string, label: string) => {
    const text = await (await fetch(`${url}/metrics`)).text();
    return text.split('\n').filter((row) => row.startsWith(`${name}{`) && row.includes(label)).reduce((sum, row) => sum + Number(row.split(' ').pop()), 0);
  };
  const OTHERS = ['lead-keep', 'anon-keep', 'lead-also', 'anon-also'];
  let beforeErasure: Record<string, Json> = {};

  it('builds the leads: merges, handoffs with delivered webhooks, dead letters', async () => {
    await send((analytics) => {
      person(analytics, 'gone', 4);
      person(analytics, 'keep', 4);
      person(analytics, 'also', 1);
    });
    await poison('lead-gone', 'gone@mail.example');
    await poison('lead-keep', 'keep@mail.example');
    await waitFor('gone and keep handed off and delivered', async () => {
      const rows = await pool.query(`SELECT lead_id FROM handoffs h JOIN webhook_deliveries d ON d.handoff_id = h.id WHERE d.status = 'delivered'`);
      const leads = rows.rows.map((row) => row.lead_id).sort();
      return leads.includes('lead-gone') && leads.includes('lead-keep') ? leads : undefined;
    }, 60_000);
    await waitFor('both dead letters listed', async () => {
      const letters = JSON.stringify((await admin('GET', '/v1/dlq')).body.items);
      return letters.includes('gone@mail.example') && letters.includes('keep@mail.example') ? true : undefined;
    }, 60_000, 1000);
    // The other leads settled: their own events, the merge markers and the merged copies of their
    // anonymous pages (forwarded after the identify) all scored, so "before" below is final.
    const settledCounts = { 'lead-keep': 7, 'anon-keep': 3, 'lead-also': 4, 'anon-also': 3 };
    await waitFor('the other leads settled (merged copies included)', async () => {
      const views = await everyView(OTHERS);
      return Object.entries(settledCounts).every(([leadId, count]) => views[leadId]?.eventCount === count) ? true : undefined;
    }, 60_000, 250);
    expect(await view('anon-gone')).toMatchObject({ mergedInto: 'lead-gone' });
    expect(await view('lead-gone')).toMatchObject({ traits: { email: 'gone@mail.example' }, stage: 'mql' });
    expect(webhooks.some((body) => body.includes('gone@mail.example'))).toBe(true);
    expect(await findEverywhere(pool, 'gone@mail.example')).not.toEqual([]);
    const exported = await admin('GET', '/v1/leads/lead-gone/export');
    expect(exported.status).toBe(200);
    expect(exported.body.leadIds).toEqual(['anon-gone', 'lead-gone']);
    expect(exported.body.events.length).toBeGreaterThanOrEqual(7);
    expect(exported.body.handoffs).toHaveLength(1);
    expect(exported.body.deliveries).toEqual([expect.objectContaining({ status: 'delivered', body: expect.stringContaining('gone@mail.example') as unknown })]);
    expect(exported.body.audit.length).toBeGreaterThan(0);
    expect(exported.body.projections.map((p: { lead_id: string }) => p.lead_id)).toEqual(['anon-gone', 'lead-gone']);
  });

  it('erases the lead and the id merged into it from every table, view, list, timeline and the DLQ listing', async () => {
    const before = await everyView(OTHERS);
    beforeErasure = before;
    const listBefore = await listed();
    expect(listBefore).toContain('lead-gone');
    const erased = await admin('DELETE', '/v1/leads/anon-gone');
    expect(erased.status).toBe(202);
    const again = await admin('DELETE', '/v1/leads/lead-gone');
    const done = await waitErasure(erased.body.erasureId);
    expect(done.deleted).toMatchObject({ handoffs: 1, webhook_deliveries: 1 });
    expect(done.deleted.lead_events).toBeGreaterThanOrEqual(7);
    if (again.body.erasureId !== erased.body.erasureId) await waitErasure(again.body.erasureId);

    for (const needle of ['gone@mail.example', 'lead-gone', 'anon-gone', 'gone-secret-prop', 'gone-corp']) {
      expect([needle, await findEverywhere(pool, needle)]).toEqual([needle, []]);
    }
    for (const leadId of ['lead-gone', 'anon-gone']) {
      expect((await admin('GET', `/v1/leads/${leadId}`)).status).toBe(404);
      expect((await admin('GET', `/v1/leads/${leadId}/timeline`)).status).toBe(404);
      expect((await admin('GET', `/v1/leads/${leadId}/export`)).status).toBe(404);
    }
    expect(await listed()).toEqual(listBefore.filter((id) => id !== 'lead-gone'));
    expect(await everyView(OTHERS)).toEqual(before);
    const letters = JSON.stringify((await admin('GET', '/v1/dlq')).body.items);
    expect(letters).toContain('keep@mail.example');
    expect(letters).not.toContain('gone');
    expect(await metric(adminUrl, 'leadscore_erasures_total', 'outcome="done"')).toBeGreaterThanOrEqual(1);
  });

  it('keeps the erased lead gone and every other lead identical after a replay', async () => {
    const before = await everyView(OTHERS);
    const started = await admin('POST', '/v1/replay', { rulesVersion });
    expect(started.status).toBe(202);
    const finished = await waitFor('the replay to finish', async () => {
      const status = await admin('GET', `/v1/replay/${started.body.replayId}`);
      return ['switched', 'failed'].includes(status.body.status) ? status.body : undefined;
    }, 60_000, 200);
    expect(finished.status).toBe('switched');
    expect(await everyView(OTHERS)).toEqual(before);
    expect(await everyView(OTHERS)).toEqual(beforeErasure);
    expect((await admin('GET', '/v1/leads/lead-gone')).status).toBe(404);
    expect(await findEverywhere(pool, 'gone@mail.example')).toEqual([]);
  });

  it('leaves the erased lead out of a later simulation', async () => {
    const started = await admin('POST', `/v1/rules/${rulesVersion}/simulate`);
    expect(started.status).toBe(202);
    const finished = await waitFor('the simulation to finish', async () => {
      const status = await admin('GET', `/v1/simulations/${started.body.simulationId}`);
      return ['done', 'failed'].includes(status.body.status) ? status.body : undefined;
    }, 60_000, 200);
    expect(finished.status).toBe('done');
    const stored = (await pool.query(`SELECT count(*)::int AS n FROM lead_events`)).rows[0].n;
    expect(finished.total).toBe(stored);
    expect(JSON.stringify(finished)).not.toContain('gone');
    expect(JSON.stringify((await admin('GET', `/v1/simulations/${started.body.simulationId}/leads`)).body)).not.toContain('gone');
    expect(await findEverywhere(pool, 'lead-gone')).toEqual([]);
  });

  it('starts a new lead for an event of the erased id that arrives after the erasure', async () => {
    await send((analytics) => analytics.track({ userId: 'lead-gone', messageId: 'gone-after', event: 'Email Open' }));
    const fresh = await waitFor('the new lead', async () => {
      const found = await admin('GET', '/v1/leads/lead-gone');
      return found.status === 200 ? found.body : undefined;
    }, 30_000);
    expect(fresh).toMatchObject({ eventCount: 1, score: 2, traits: {}, stage: expect.any(String) as unknown });
    expect(await findEverywhere(pool, 'gone@mail.example')).toEqual([]);
  });

  it('finishes an erasure after the admin process is killed (kill -9) mid-way and restarted, sweeping the event that was in flight', async () => {
    await send((analytics) => person(analytics, 'killed', 4));
    await waitFor('killed handed off', async () => {
      const rows = await pool.query(`SELECT 1 FROM webhook_deliveries d JOIN handoffs h ON h.id = d.handoff_id WHERE h.lead_id = 'lead-killed' AND d.status = 'delivered'`);
      return rows.rows.length > 0 ? true : undefined;
    }, 60_000);
    // With the scoring worker down, an identify of the lead (its email again) is in flight in Kafka:
    // the erasure stops in its drain phase until the worker has stored it, then sweeps it too.
    await processes.scoring.stop();
    await send((analytics) => analytics.identify({ userId: 'lead-killed', messageId: 'killed-in-flight', traits: { email: 'killed@mail.example' } }));
    const erased = await admin('DELETE', '/v1/leads/lead-killed');
    expect(erased.status).toBe(202);
    await waitFor('the erasure to reach its drain phase', async () => {
      const row = await pool.query(`SELECT phase FROM erasures WHERE id = $1`, [erased.body.erasureId]);
      return row.rows[0]?.phase === 'drain' ? true : undefined;
    }, 30_000);
    await processes.admin.kill9();
    expect((await pool.query(`SELECT phase FROM erasures WHERE id = $1`, [erased.body.erasureId])).rows[0].phase).toBe('drain');
    processes.admin.start();
    processes.scoring.start();
    await waitForHttpOk(`${adminUrl}/health/live`);
    await waitForHttpOk(`${scoringUrl}/health/ready`);
    expect((await waitErasure(erased.body.erasureId)).status).toBe('done');
    for (const needle of ['killed@mail.example', 'lead-killed', 'anon-killed', 'killed-secret-prop']) {
      expect([needle, await findEverywhere(pool, needle)]).toEqual([needle, []]);
    }
    expect((await admin('GET', '/v1/leads/lead-killed')).status).toBe(404);
    expect(await metric(adminUrl, 'leadscore_erasures_total', 'outcome="resumed"')).toBe(1);
  });
});
