import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Kafka, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { Webhook } from 'standardwebhooks';
import { topicName } from '@leadscore/contracts';
import { appendEvents, ensureTeamSecrets, insertRoutingVersion } from '@leadscore/persistence';
import { formatSecret } from '@leadscore/routing';
import { handoffIds } from '../apps/handoff/src/handoffs/handoff-ids';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const RULES = `${SIMPLE_RULES_YAML}
  - id: inactivity
    when: { type: inactivity_tick }
    points: -5
`;

/** A receiver that can be down (nothing listening on its port) and brought up later on the same port. */
class Receiver {
  readonly received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  private server: Server | null = null;

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('handoff worker: crash between handoff and delivery, and the inactivity scheduler', () => {
  const namespace = uniqueNamespace('handoff-crash');
  const processes: AppProcess[] = [];
  let receiver: Receiver;
  let databaseUrl: string;
  let pool: Pool;
  let producer: Producer;
  let secret: string;
  let seq = 0;

  beforeAll(async () => {
    const env = testEnv();
    databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_handoff_crash');
    await seedRuleSet(databaseUrl, RULES);
    pool = new Pool({ connectionString: databaseUrl });
    receiver = new Receiver(await freePort()); // down until the crash test brings it up
    const client = await pool.connect();
    try {
      await insertRoutingVersion(client, { teams: [{ id: 'sales', match: [], members: ['ann'], strategy: 'round_robin', webhook: { url: `http://127.0.0.1:${receiver.port}/hook` } }] }, 'test');
      secret = (await ensureTeamSecrets(client, ['sales'], () => formatSecret(randomBytes(32)))).get('sales')!;
    } finally {
      client.release();
    }
    const kafka = new Kafka({ clientId: 'handoff-crash-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await start('scoring');
  });

  afterAll(async () => {
    for (const process of processes) await process.stop();
    await producer?.disconnect();
    await pool?.end();
    await receiver?.stop();
  });

  async function start(app: 'scoring' | 'handoff'): Promise<AppProcess> {
    const env = testEnv();
    const port = await freePort();
    const process = new AppProcess(app, {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace,
      KAFKA_PARTITIONS: '3', LOG_LEVEL: 'warn', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms',
      INACTIVITY_AFTER: '14d', INACTIVITY_SCAN_EVERY: '1s',
      ...(app === 'scoring' ? { SCORING_HTTP_PORT: String(port) } : { HANDOFF_HTTP_PORT: String(port) }),
    });
    process.start();
    processes.push(process);
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`);
    return process;
  }

  async function send(leadId: string, types: string[], occurredAt = new Date(), properties: Record<string, unknown> = {}): Promise<void> {
    const at = occurredAt.toISOString();
    await producer.send({
      topic: topicName(namespace, 'leadEvents'), acks: -1,
      messages: types.map((type) => ({
        key: leadId,
        value: JSON.stringify({ v: 1, eventId: `c-${++seq}`, leadId, type, occurredAt: at, receivedAt: at, source: null, properties, traits: null, sourceKeyId: null }),
      })),
    });
  }

  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await pool.query(sql, params)).rows[0].n;

  it('delivers exactly once after a kill -9 between writing the handoff and delivering it', async () => {
    const first = await start('handoff');
    await send('crash-1', Array(4).fill('whitepaper_download'));
    const delivery = await waitFor('a failed first attempt', async () => {
      const row = (await pool.query(`SELECT id, handoff_id, attempts FROM webhook_deliveries`)).rows[0];
      return row && row.attempts >= 1 ? row : undefined;
    }, 30000);
    await first.kill9();
    await receiver.start();
    await start('handoff');
    await waitFor('delivered', async () => ((await count(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered'`)) === 1 ? true : undefined), 30000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].headers['webhook-id']).toBe(delivery.id);
    expect(new Webhook(secret).verify(receiver.received[0].body, receiver.received[0].headers as Record<string, string>)).toMatchObject({ type: 'lead.mql' });
    expect(await count(`SELECT count(*)::int AS n FROM handoffs`)).toBe(1);
  });

  it('creates nothing twice when a promotion is delivered again on lead-scores, and skips an unreadable message', async () => {
    const audit = (await pool.query(`SELECT seq, event_id FROM score_audit WHERE lead_id = 'crash-1' AND promotion = 'mql'`)).rows[0];
    const copy = {
      v: 1, leadId: 'crash-1', causeEventId: audit.event_id, seq: String(audit.seq), ruleVersion: 1, occurredAt: new Date().toISOString(),
      score: 60, fitScore: 0, engagementScore: 60, previousScore: 45, stage: 'mql', previousStage: 'new', promotion: 'mql', reasons: [],
    };
    await producer.send({ topic: topicName(namespace, 'leadScores'), acks: -1, messages: [
      { key: 'crash-1', value: 'not json' }, // dead-lettered; the worker goes on
      { key: 'crash-1', value: JSON.stringify(copy) },
    ] });
    await send('crash-1', ['email_open']); // a later message on the same partition: once it is handled, the copy was too
    await waitFor('the later event', async () => ((await count(`SELECT count(*)::int AS n FROM lead_events WHERE lead_id = 'crash-1'`)) === 5 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await count(`SELECT count(*)::int AS n FROM handoffs`)).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('emits one inactivity_tick per idle lead and day, lowering scores, and a second scheduler adds nothing', async () => {
    const longAgo = new Date(Date.now() - 20 * 86_400_000);
    for (const lead of ['idle-1', 'idle-2', 'idle-3']) await send(lead, ['whitepaper_download', 'email_open'], longAgo);
    // Idle too, but merged into a known lead (identity merging): it is that lead's business now, no tick.
    await send('idle-merged', ['whitepaper_download'], longAgo);
    await send('idle-merged', ['identity_merged'], longAgo, { into: 'fresh-1' });
    await send('fresh-1', ['whitepaper_download']);
    const day = new Date().toISOString().slice(0, 10);
    await waitFor('three ticks stored', async () => ((await count(`SELECT count(*)::int AS n FROM lead_events WHERE type = 'inactivity_tick'`)) === 3 ? true : undefined), 30000);
    const ticks = (await pool.query(`SELECT event_id, properties FROM lead_events WHERE type = 'inactivity_tick' ORDER BY event_id`)).rows;
    expect(ticks).toEqual(['idle-1', 'idle-2', 'idle-3'].map((lead) => ({ event_id: `inactivity:${lead}:${day}`, properties: { idleDays: 20 } })));
    await waitFor('scores lowered', async () => {
      const scores = (await pool.query(`SELECT score FROM lead_projections WHERE lead_id IN ('idle-1', 'idle-2', 'idle-3')`)).rows.map((row) => Number(row.score));
      return scores.length === 3 && scores.every((score) => score === 12) ? true : undefined;
    });
    await start('handoff'); // a second instance: not the leader, and the leader's re-runs add nothing
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(await count(`SELECT count(*)::int AS n FROM lead_events WHERE type = 'inactivity_tick'`)).toBe(3);
    // fresh-1: its own whitepaper (15) and, merged in from idle-merged, one 20 days old (15).
    expect(Number((await pool.query(`SELECT score FROM lead_projections WHERE lead_id = 'fresh-1'`)).rows[0].score)).toBe(30);
  });

  it('hands off a promotion whose cause event commits 11 s late exactly once, without holding up a later lead on its partition', async () => {
    const promotion = (leadId: string, causeEventId: string) => JSON.stringify({
      v: 1, leadId, causeEventId, seq: '1', ruleVersion: 1, occurredAt: new Date().toISOString(),
      score: 60, fitScore: 0, engagementScore: 60, previousScore: 45, stage: 'mql', previousStage: 'new', promotion: 'mql', reasons: [],
    });
    const storeEvent = async (leadId: string, eventId: string) => {
      const client = await pool.connect();
      try {
        await appendEvents(client, [{
          eventId, leadId, type: 'whitepaper_download', occurredAt: new Date(), receivedAt: new Date(), source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
        }]);
      } finally {
        client.release();
      }
    };
    const handoffsOf = (leadId: string) => count(`SELECT count(*)::int AS n FROM handoffs WHERE lead_id = $1`, [leadId]);
    await storeEvent('on-time-1', 'on-time-cause');
    const sentAt = Date.now();
    // Same partition: the late one first. The old consumer held the partition 10 s on it, then dropped it.
    await producer.send({ topic: topicName(namespace, 'leadScores'), acks: -1, messages: [
      { key: 'late-1', partition: 0, value: promotion('late-1', 'late-cause') },
      { key: 'on-time-1', partition: 0, value: promotion('on-time-1', 'on-time-cause') },
    ] });
    await waitFor('the later lead handed off', async () => ((await handoffsOf('on-time-1')) === 1 ? true : undefined), 8000);
    expect(await handoffsOf('late-1')).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + 11_000 - Date.now())));
    expect(await handoffsOf('late-1')).toBe(0);
    expect((await pool.query(`SELECT status FROM parked_promotions WHERE lead_id = 'late-1'`)).rows).toEqual([{ status: 'parked' }]);
    await storeEvent('late-1', 'late-cause'); // the slow scoring transaction commits at last
    const { deliveryId } = handoffIds({ leadId: 'late-1', promotion: 'mql', causeEventId: 'late-cause' });
    await waitFor('the late lead delivered', async () => (receiver.received.some((hit) => hit.headers['webhook-id'] === deliveryId) ? true : undefined), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await handoffsOf('late-1')).toBe(1);
    expect(receiver.received.filter((hit) => hit.headers['webhook-id'] === deliveryId)).toHaveLength(1);
    expect(await count(`SELECT count(*)::int AS n FROM parked_promotions`)).toBe(0);
  });
});
