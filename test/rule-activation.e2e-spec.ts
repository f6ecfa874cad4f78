import { Kafka, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { topicName } from '@leadscore/contracts';
import { type AdminTestApp, startAdminApp } from '../apps/admin/src/rules/testing/start-admin-app';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

// v2 is stricter: a whitepaper is worth 5 instead of 15; everything else as in v1.
const STRICTER_YAML = SIMPLE_RULES_YAML.replace('name: e2e-simple', 'name: e2e-stricter').replace('points: 15', 'points: 5');

interface SentEvent {
  eventId: string;
  leadId: string;
  type: string;
  occurredAt: string;
  properties?: Record<string, unknown>;
}

describe('rule activation reaches a running scoring worker', () => {
  const namespace = uniqueNamespace('activation');
  let pool: Pool;
  let worker: AppProcess;
  let workerUrl: string;
  let admin: AdminTestApp;
  let producer: Producer;
  let v1: number;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_rule_activation');
    v1 = await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    const port = await freePort();
    worker = new AppProcess('scoring', {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '2', SCORING_HTTP_PORT: String(port), LOG_LEVEL: 'info',
    });
    worker.start();
    workerUrl = `http://127.0.0.1:${port}`;
    admin = await startAdminApp({ databaseUrl, namespace });
    await waitForHttpOk(`${workerUrl}/health/ready`);
    producer = new Kafka({ clientId: 'activation-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 }).producer({ idempotent: true });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await worker?.stop();
    await admin?.close();
    await pool?.end();
  });

  async function send(events: SentEvent[]): Promise<void> {
    await producer.send({
      topic: topicName(namespace, 'leadEvents'),
      acks: -1,
      messages: events.map((event) => ({
        key: event.leadId,
        value: JSON.stringify({
          v: 1, properties: {}, ...event, receivedAt: new Date().toISOString(), source: null, traits: null, sourceKeyId: null,
        }),
      })),
    });
  }

  async function auditedVersions(eventIds: string[]): Promise<Map<string, number> | undefined> {
    const rows = await pool.query<{ event_id: string; rule_version: number }>('SELECT event_id, rule_version FROM score_audit WHERE event_id = ANY($1)', [eventIds]);
    return rows.rows.length === eventIds.length ? new Map(rows.rows.map((row) => [row.event_id, row.rule_version])) : undefined;
  }

  async function workerRuleVersion(): Promise<number | undefined> {
    const text = await (await fetch(`${workerUrl}/metrics`)).text();
    const match = /^leadscore_scoring_rule_version(?:\{[^}]*\})? (\d+)/m.exec(text);
    return match ? Number(match[1]) : undefined;
  }

  const leadAsOf = async (leadId: string, asOf: string) =>
    (await (await admin.call('GET', `/v1/leads/${leadId}?asOf=${encodeURIComponent(asOf)}`)).json()) as { score: number; eventCount: number; ruleVersion: number };

  it('scores events sent after an activation with the new version within 5 s, and asOf still answers the earlier score', async () => {
    const early = Date.now() - 3_600_000;
    const at = (offsetMs: number) => new Date(early + offsetMs).toISOString();
    const before: SentEvent[] = [
      { eventId: 'x-1', leadId: 'lead-x', type: 'email_open', occurredAt: at(0) },
      { eventId: 'x-2', leadId: 'lead-x', type: 'page_visit', occurredAt: at(1000), properties: { url: '/pricing' } },
      { eventId: 'y-1', leadId: 'lead-y', type: 'whitepaper_download', occurredAt: at(2000) },
    ];
    await send(before);
    const scoredBefore = await waitFor('the first events scored', () => auditedVersions(before.map((e) => e.eventId)), 30_000);
    expect([...scoredBefore.values()]).toEqual([v1, v1, v1]);
    const earlierScore = (await pool.query(`SELECT score::float8 AS score FROM lead_projections WHERE lead_id = 'lead-x'`)).rows[0].score;
    expect(earlierScore).toBe(3);

    const posted = await admin.call('POST', '/v1/rules', { body: STRICTER_YAML, contentType: 'application/yaml', headers: { 'x-leadscore-author': 'e2e' } });
    expect(posted.status).toBe(201);
    const { version: v2 } = (await posted.json()) as { version: number };
    const activatedAt = Date.now();
    const activated = await admin.call('POST', `/v1/rules/${v2}/activate`);
    expect(activated.status).toBe(200);
    await waitFor('the worker on v2', async () => ((await workerRuleVersion()) === v2 ? true : undefined), 5_000, 50);
    expect(Date.now() - activatedAt).toBeLessThan(5_000);

    const after: SentEvent[] = [
      { eventId: 'x-3', leadId: 'lead-x', type: 'whitepaper_download', occurredAt: new Date().toISOString() },
      { eventId: 'x-4', leadId: 'lead-x', type: 'email_open', occurredAt: new Date().toISOString() },
    ];
    await send(after);
    const scoredAfter = await waitFor('the later events scored', () => auditedVersions(after.map((e) => e.eventId)), 10_000, 100);
    expect([...scoredAfter.values()]).toEqual([v2, v2]);

    expect(worker.output.join('')).toContain('rule activation signalled');

    // Live: 2 + 1 under v1, then 5 + 2 under v2.
    const live = await pool.query('SELECT lead_id, score::float8 AS score, rule_version FROM lead_projections ORDER BY lead_id');
    expect(live.rows).toEqual([{ lead_id: 'lead-x', score: 10, rule_version: v2 }, { lead_id: 'lead-y', score: 15, rule_version: v1 }]);

    // As of a time before the later events: the earlier score (the earlier events' rules are the
    // same in both versions), folded under the version of the live projection.
    expect(await leadAsOf('lead-x', at(60_000))).toMatchObject({ score: earlierScore, eventCount: 2, ruleVersion: v2 });
    expect(await leadAsOf('lead-x', at(500))).toMatchObject({ score: 2, eventCount: 1, ruleVersion: v2 });
    expect(await leadAsOf('lead-x', new Date().toISOString())).toMatchObject({ score: 10, eventCount: 4, ruleVersion: v2 });
    // lead-y's projection was scored by v1: its asOf folds under v1 (v2 would give 5).
    expect(await leadAsOf('lead-y', at(60_000))).toMatchObject({ score: 15, eventCount: 1, ruleVersion: v1 });
  });
});
