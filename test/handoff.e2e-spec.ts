import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import type Redis from 'ioredis';
import { Webhook } from 'standardwebhooks';
import { loadConfig } from '@leadscore/config';
import { topicName } from '@leadscore/contracts';
import { bootstrapHttpApp } from '@leadscore/http';
import { createKafkaClient } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createRedis } from '@leadscore/persistence';
import { AdminModule } from '../apps/admin/src/admin.module';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase, openDataSource } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const TOKEN = 'admin-token-for-handoff-tests';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const json = async (response: Response): Promise<Json> => response.json();

interface Received { path: string; headers: IncomingHttpHeaders; body: string }

/** A real HTTP receiver on 127.0.0.1: records every request; `/flaky` answers 500 three times per webhook-id. */
class Receiver {
  readonly received: Received[] = [];
  private readonly failures = new Map<string, number>();
  private server: Server | null = null;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const id = String(req.headers['webhook-id']);
        const failed = this.failures.get(id) ?? 0;
        if (req.url === '/gone') {
          res.writeHead(410).end('gone');
        } else if (req.url === '/flaky' && failed < 3) {
          this.failures.set(id, failed + 1);
          res.writeHead(500).end('boom');
        } else {
          res.writeHead(200).end('ok');
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  forLead(leadId: string): Array<Received & { json: { type: string; data: { handoffId: string; lead: { id: string }; reasons: unknown[]; assignedTo: { team: string; member: string } } } }> {
    return this.received
      .map((r) => ({ ...r, json: JSON.parse(r.body) }))
      .filter((r) => r.json.data.lead.id === leadId);
  }
}

describe('handoff: promotions → routing → signed webhooks', () => {
  const namespace = uniqueNamespace('handoff');
  const receiver = new Receiver();
  const processes: AppProcess[] = [];
  let databaseUrl: string;
  let pool: Pool;
  let producer: Producer;
  let admin: NestFastifyApplication;
  let adminRedis: Redis;
  let adminUrl: string;
  let secrets: Record<string, string> = {};
  let seq = 0;
  let handoffPort = 0;

  beforeAll(async () => {
    const env = testEnv();
    databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_handoff');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    await receiver.start();
    const common = {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace,
      KAFKA_PARTITIONS: '3', LOG_LEVEL: 'warn', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms',
    };
    const scoringPort = await freePort();
    handoffPort = await freePort();
    const scoring = new AppProcess('scoring', { ...common, SCORING_HTTP_PORT: String(scoringPort) });
    const handoff = new AppProcess('handoff', { ...common, HANDOFF_HTTP_PORT: String(handoffPort) });
    processes.push(scoring, handoff);
    scoring.start();
    handoff.start();
    await waitForHttpOk(`http://127.0.0.1:${scoringPort}/health/ready`);
    await waitForHttpOk(`http://127.0.0.1:${handoffPort}/health/ready`);

    const config = loadConfig({ ...common, ADMIN_TOKEN: TOKEN });
    const logger = new JsonLogger('admin-test', 'error');
    adminRedis = createRedis(env.redisUrl);
    admin = await bootstrapHttpApp({
      module: AdminModule.forRoot({ config, logger, metrics: new Metrics('admin-test'), kafka: createKafkaClient({ brokers: config.kafkaBrokers, clientId: 'handoff-test-admin', logger }), dataSource: await openDataSource(databaseUrl), redis: adminRedis }),
      logger, port: 0, host: '127.0.0.1', bodyLimitBytes: 1024 * 1024,
    });
    adminUrl = await admin.getUrl();
    const kafka = new Kafka({ clientId: 'handoff-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
  });

  afterAll(async () => {
    for (const process of processes) await process.stop();
    await producer?.disconnect();
    await admin?.close();
    adminRedis?.disconnect();
    await pool?.end();
    await receiver.stop();
  });

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${adminUrl}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });

  async function send(leadId: string, events: Array<{ type: string; properties?: Record<string, unknown>; traits?: Record<string, unknown> }>): Promise<void> {
    const now = new Date().toISOString();
    await producer.send({
      topic: topicName(namespace, 'leadEvents'), acks: -1,
      messages: events.map((event) => ({
        key: leadId,
        value: JSON.stringify({ v: 1, eventId: `h-${++seq}`, leadId, type: event.type, occurredAt: now, receivedAt: now, source: null,
          properties: event.properties ?? {}, traits: event.traits ?? null, sourceKeyId: null }),
      })),
    });
  }

  const identify = (traits: Record<string, unknown>) => ({ type: 'identify', traits });
  const whitepapers = (n: number) => Array.from({ length: n }, () => ({ type: 'whitepaper_download' }));
  const careers = (n: number) => Array.from({ length: n }, () => ({ type: 'page_visit', properties: { url: '/careers' } }));

  async function handoffsOf(leadId: string): Promise<Array<{ promotion: string; team_id: string | null; member: string | null; status: string }>> {
    return (await pool.query(`SELECT promotion, team_id, member, status FROM handoffs WHERE lead_id = $1 ORDER BY created_at`, [leadId])).rows;
  }

  async function waitHandoffs(leadId: string, count: number, status?: string) {
    return waitFor(`${count} handoffs of ${leadId}`, async () => {
      const rows = await handoffsOf(leadId);
      return rows.length === count && (status === undefined || rows.every((row) => row.status === status)) ? rows : undefined;
    }, 30000);
  }

  async function stageOf(leadId: string): Promise<string | undefined> {
    return (await pool.query(`SELECT stage FROM lead_projections WHERE lead_id = $1`, [leadId])).rows[0]?.stage;
  }

  const waitStage = (leadId: string, stage: string) => waitFor(`${leadId} in ${stage}`, async () => ((await stageOf(leadId)) === stage ? true : undefined), 30000);

  it('records a promotion without routing as unassigned, with no webhook', async () => {
    await send('lone-1', whitepapers(4));
    expect(await waitHandoffs('lone-1', 1)).toEqual([{ promotion: 'mql', team_id: null, member: null, status: 'unassigned' }]);
    const list = await json(await api('GET', '/v1/handoffs?status=unassigned'));
    expect(list.items.map((item: { leadId: string }) => item.leadId)).toEqual(['lone-1']);
    expect((await pool.query(`SELECT count(*)::int AS n FROM webhook_deliveries`)).rows[0].n).toBe(0);
  });

  it('validates routing by path and refuses private webhook hosts only when not allowed', async () => {
    const bad = await api('PUT', '/v1/routing', { teams: [{ id: 'x', members: [], webhook: { url: 'nope' } }] });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors.map((e: { path: string }) => e.path)).toEqual(['teams.0.members', 'teams.0.webhook.url']);
  });

  it('stores routing, shows each new secret once and keeps existing secrets', async () => {
    const teams = [
      { id: 'enterprise', match: [{ field: 'traits.companySize', op: 'gte', value: 1000 }], members: ['alice', 'bob'], strategy: 'round_robin', webhook: { url: receiver.url('/enterprise') } },
      { id: 'flaky', match: [{ field: 'traits.segment', op: 'eq', value: 'flaky' }], members: ['fay'], strategy: 'round_robin', webhook: { url: receiver.url('/flaky') } },
      { id: 'emea', match: [{ field: 'traits.region', op: 'eq', value: 'emea' }], members: ['erin', 'frank'], strategy: 'owner', webhook: { url: receiver.url('/emea') } },
      { id: 'gone', match: [{ field: 'traits.segment', op: 'eq', value: 'gone' }], members: ['gus'], strategy: 'round_robin', webhook: { url: receiver.url('/gone') } },
      { id: 'smb', members: ['carol', 'dave'], strategy: 'least_loaded', webhook: { url: receiver.url('/smb') } },
    ];
    const first = await api('PUT', '/v1/routing', { teams: teams.slice(0, 3) });
    expect(first.status).toBe(200);
    const firstBody = await json(first);
    secrets = Object.fromEntries(firstBody.teams.map((team: { id: string; secret: string }) => [team.id, team.secret]));
    expect(Object.values(secrets).every((secret) => /^whsec_[A-Za-z0-9+/=]{32,}$/.test(secret))).toBe(true);
    const second = await json(await api('PUT', '/v1/routing', { teams }));
    expect(second.version).toBe(firstBody.version + 1);
    expect(second.teams[0]).toEqual({ id: 'enterprise' });
    expect(second.teams[4].secret).toMatch(/^whsec_/);
    secrets.smb = second.teams[4].secret;
    const shown = await json(await api('GET', '/v1/routing'));
    expect(shown.version).toBe(second.version);
    expect(JSON.stringify(shown)).not.toContain('whsec_');
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the worker re-reads routing every 2 s
  });

  it('hands a lead off once at MQL and once at SQL, both signed, the SQL one to the same owner', async () => {
    await send('big-1', [identify({ companySize: 5000, company: 'Acme' }), ...whitepapers(4)]);
    await waitHandoffs('big-1', 1, 'delivered');
    await send('big-1', whitepapers(3));
    const rows = await waitHandoffs('big-1', 2, 'delivered');
    expect(rows.map((row) => [row.promotion, row.team_id, row.member])).toEqual([['mql', 'enterprise', 'alice'], ['sql', 'enterprise', 'alice']]);
    const deliveries = receiver.forLead('big-1');
    expect(deliveries.map((d) => d.json.type)).toEqual(['lead.mql', 'lead.sql']);
    const verifier = new Webhook(secrets.enterprise);
    for (const delivery of deliveries) {
      expect(delivery.path).toBe('/enterprise');
      expect(verifier.verify(delivery.body, delivery.headers as Record<string, string>)).toMatchObject({ type: delivery.json.type });
      expect(delivery.json.data.assignedTo).toEqual({ team: 'enterprise', member: 'alice' });
      expect(delivery.json.data.reasons).toEqual([expect.objectContaining({ ruleId: 'whitepaper' })]);
      expect(delivery.json.data.lead).toMatchObject({ id: 'big-1', traits: { companySize: 5000, company: 'Acme' } });
    }
    expect(new Set(deliveries.map((d) => d.headers['webhook-id'])).size).toBe(2);
    const view = await json(await api('GET', '/v1/leads/big-1'));
    expect(view.owner).toEqual({ team: 'enterprise', member: 'alice' });
  });

  it('alternates round robin inside the enterprise team and sends the rest to the catch-all', async () => {
    for (const lead of ['big-2', 'big-3']) {
      await send(lead, [identify({ companySize: 1000 }), ...whitepapers(4)]);
      await waitHandoffs(lead, 1);
    }
    await send('small-0', [identify({ companySize: 999 }), ...whitepapers(4)]);
    expect((await handoffsOf('big-2'))[0]).toMatchObject({ team_id: 'enterprise', member: 'bob' });
    expect((await handoffsOf('big-3'))[0]).toMatchObject({ team_id: 'enterprise', member: 'alice' });
    expect((await waitHandoffs('small-0', 1))[0]).toMatchObject({ team_id: 'smb' });
  });

  it('gives least_loaded handoffs to the member with the fewest open ones', async () => {
    // small-0 went to carol (a tie goes to the first listed), small-1 to dave; once dave's lead is
    // rejected (no longer open), dave has 0 open against carol's 1 and takes the next one.
    await send('small-1', whitepapers(4));
    expect((await waitHandoffs('small-1', 1))[0]).toMatchObject({ team_id: 'smb', member: 'dave' });
    expect((await handoffsOf('small-0'))[0]).toMatchObject({ member: 'carol' });
    expect((await api('POST', '/v1/leads/small-1/feedback', { action: 'reject', reason: 'no budget', by: 'dave' })).status).toBe(202);
    await waitStage('small-1', 'nurture');
    await send('small-2', whitepapers(4));
    expect((await waitHandoffs('small-2', 1))[0]).toMatchObject({ member: 'dave' });
  });

  it('honours the owner named in the lead traits', async () => {
    await send('emea-1', [identify({ region: 'emea', owner: 'frank' }), ...whitepapers(4)]);
    expect((await waitHandoffs('emea-1', 1))[0]).toMatchObject({ team_id: 'emea', member: 'frank' });
  });

  it('retries a failing receiver with the same delivery id until it answers 200', async () => {
    await send('flaky-1', [identify({ segment: 'flaky' }), ...whitepapers(4)]);
    await waitHandoffs('flaky-1', 1, 'delivered');
    const attempts = receiver.forLead('flaky-1');
    expect(attempts).toHaveLength(4);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    const delivery = (await pool.query(`SELECT attempts, status FROM webhook_deliveries WHERE id = $1`, [attempts[0].headers['webhook-id']])).rows[0];
    expect(delivery).toEqual({ attempts: 4, status: 'delivered' });
    const metrics = await (await fetch(`http://127.0.0.1:${handoffPort}/metrics`)).text();
    expect(metrics).toMatch(/leadscore_webhook_deliveries_total\{[^}]*outcome="retry"[^}]*\} 3/);
  });

  it('stops at a 410 Gone: the delivery fails, the team endpoint is disabled, the handoff is listed as failed', async () => {
    await send('gone-1', [identify({ segment: 'gone' }), ...whitepapers(4)]);
    await waitHandoffs('gone-1', 1, 'failed');
    expect(receiver.forLead('gone-1')).toHaveLength(1);
    expect((await pool.query(`SELECT webhook_disabled_at IS NOT NULL AS disabled FROM routing_teams WHERE team_id = 'gone'`)).rows[0].disabled).toBe(true);
    const failed = await json(await api('GET', '/v1/handoffs?status=failed'));
    expect(failed.items.map((item: { leadId: string }) => item.leadId)).toEqual(['gone-1']);
    expect(failed.items[0].delivery).toMatchObject({ attempts: 1, lastStatusCode: 410 });
    await send('gone-2', [identify({ segment: 'gone' }), ...whitepapers(4)]);
    await waitHandoffs('gone-2', 1, 'failed');
    expect(receiver.forLead('gone-2')).toHaveLength(0);
  });

  it('after reject, hands off again only once the score fell below MQL and rose back', async () => {
    await send('nurt-1', whitepapers(4)); // 60: mql
    await waitHandoffs('nurt-1', 1);
    expect((await api('POST', '/v1/leads/nurt-1/feedback', { action: 'reject', reason: 'not ready', by: 'carol' })).status).toBe(202);
    await waitStage('nurt-1', 'nurture');
    await send('nurt-1', whitepapers(1)); // 75: still above, no fresh crossing
    await send('nurt-1', careers(4)); // 75 - 36 = 39: below
    await waitFor('score below mql', async () => ((await pool.query(`SELECT score FROM lead_projections WHERE lead_id = 'nurt-1'`)).rows[0].score < 50 ? true : undefined));
    expect(await handoffsOf('nurt-1')).toHaveLength(1);
    await send('nurt-1', whitepapers(1)); // 54: fresh crossing
    const rows = await waitHandoffs('nurt-1', 2);
    expect(rows.map((row) => row.promotion)).toEqual(['mql', 'mql']);
  });

  it('never hands a disqualified lead off again', async () => {
    await send('dq-1', whitepapers(4));
    await waitHandoffs('dq-1', 1);
    expect((await api('POST', '/v1/leads/dq-1/feedback', { action: 'disqualify', reason: 'student', by: 'dave' })).status).toBe(202);
    await waitStage('dq-1', 'unqualified');
    await send('dq-1', [...careers(5), ...whitepapers(10)]);
    await waitFor('dq-1 scored', async () => ((await pool.query(`SELECT event_count FROM lead_projections WHERE lead_id = 'dq-1'`)).rows[0].event_count === 20 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await handoffsOf('dq-1')).toHaveLength(1);
    expect(await stageOf('dq-1')).toBe('unqualified');
  });

  it('refuses unknown feedback actions with the list, and malformed lead ids', async () => {
    const unknown = await api('POST', '/v1/leads/dq-1/feedback', { action: 'maybe' });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).errors).toEqual([{ path: 'action', message: 'must be one of contacted, accept, reject, opportunity, won, lost, disqualify' }]);
    expect((await api('POST', `/v1/leads/${encodeURIComponent('bad lead!')}/feedback`, { action: 'accept' })).status).toBe(400);
  });

  it('lists handoffs by status with a cursor and redelivers one with the same delivery id', async () => {
    const page = await json(await api('GET', '/v1/handoffs?status=delivered&limit=2'));
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await json(await api('GET', `/v1/handoffs?status=delivered&limit=2&cursor=${page.nextCursor}`));
    expect(next.items.map((i: { id: string }) => i.id)).not.toContain(page.items[0].id);
    const target = page.items[0];
    const before = receiver.received.filter((r) => r.headers['webhook-id'] === target.delivery.id).length;
    expect((await api('POST', `/v1/handoffs/${target.id}/redeliver`)).status).toBe(202);
    await waitFor('redelivered', async () => (receiver.received.filter((r) => r.headers['webhook-id'] === target.delivery.id).length === before + 1 ? true : undefined));
    expect((await api('GET', '/v1/handoffs?status=bogus')).status).toBe(400);
  });
});
