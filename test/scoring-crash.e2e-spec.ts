import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { topicName } from '@leadscore/contracts';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { readLeadCounts } from './support/lead-counts';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML, expectedByLead, generateEvents, type OracleEvent } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

describe('scoring worker killed with SIGKILL mid-stream', () => {
  const namespace = uniqueNamespace('crash');
  let databaseUrl: string;
  let pool: Pool;
  let kafka: Kafka;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    const env = testEnv();
    databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_crash');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    kafka = new Kafka({ clientId: 'crash-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await pool?.end();
  });

  async function startWorker(): Promise<AppProcess> {
    const env = testEnv();
    const port = await freePort();
    const worker = new AppProcess('scoring', {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '3', SCORING_HTTP_PORT: String(port), LOG_LEVEL: 'warn',
    });
    worker.start();
    workers.push(worker);
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`);
    return worker;
  }

  async function sendKilling(stream: Array<OracleEvent & { eventId: string }>, killAbove: number): Promise<boolean> {
    const first = workers.length === 0 ? await startWorker() : workers[workers.length - 1];
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const topic = topicName(namespace, 'leadEvents');
    const now = new Date().toISOString();
    const storedBefore = (await readLeadCounts(pool)).stored;
    const storedSince = async () => (await readLeadCounts(pool)).stored - storedBefore;
    let killed = false;
    const kill = async () => {
      await first.kill9(); // while batches are in flight: no shutdown hook, no offset commit
      killed = true;
      await startWorker();
    };
    for (let i = 0; i < stream.length; i += 200) {
      await producer.send({
        topic,
        acks: -1,
        messages: stream.slice(i, i + 200).map((event) => ({
          key: event.leadId,
          value: JSON.stringify({ v: 1, ...event, occurredAt: now, receivedAt: now, source: null, traits: null, sourceKeyId: null }),
        })),
      });
      if (!killed && (await storedSince()) > killAbove) await kill();
    }
    await producer.disconnect();
    // The producer may outrun the worker: then kill it as soon as it passes the mark, still mid-stream.
    if (!killed) {
      await waitFor('the worker to pass the kill mark', async () => ((await storedSince()) > killAbove ? true : undefined), 60000, 10);
      await kill();
    }
    return killed;
  }

  it('stores and counts every event exactly once after a restart', async () => {
    const events = generateEvents(6000, 80, 7);
    const resent = events.filter((_, i) => i % 10 === 0);
    const stream = [...events.slice(0, 3000), ...resent, ...events.slice(3000)];
    expect(await sendKilling(stream, 500)).toBe(true);

    const counts = await waitFor('every event scored after the restart', async () => {
      const current = await readLeadCounts(pool);
      return current.stored === events.length && current.audited === events.length ? current : undefined;
    }, 120000);

    const expected = expectedByLead(stream);
    expect(counts.byLead.size).toBe(expected.size);
    for (const [leadId, want] of expected) {
      expect({ leadId, ...counts.byLead.get(leadId) }).toEqual({ leadId, ...want });
    }
  });

  it('merges identities exactly once across a kill -9: every anonymous event counts once, for the known lead', async () => {
    const rename = (events: Array<OracleEvent & { eventId: string }>, prefix: string) =>
      events.map((event) => ({ ...event, eventId: `${prefix}-${event.eventId}`, leadId: event.leadId.replace('lead-', `${prefix}-`) }));
    const anonymous = rename(generateEvents(4000, 200, 13), 'anon');
    const own = rename(generateEvents(1000, 200, 17), 'known');
    const aliases = Array.from({ length: 200 }, (_, n) => ({ eventId: `alias-${n}`, leadId: `known-${n}`, type: 'alias', properties: { previousId: `anon-${n}` } }));
    // Anonymous browsing, then the links amid the known leads' own events, then more anonymous traffic
    // (some of it before the merge reaches the anonymous stream, some after), with resends.
    const stream = [...anonymous.slice(0, 2000), ...aliases, ...own, ...anonymous.slice(2000), ...anonymous.filter((_, i) => i % 7 === 0)];
    const before = (await readLeadCounts(pool)).stored;
    expect(await sendKilling(stream, 2500)).toBe(true);

    // Store: every event, one marker per link, one copy per anonymous event.
    const total = anonymous.length + own.length + aliases.length + aliases.length + anonymous.length;
    const counts = await waitFor('every event, marker and copy scored after the restart', async () => {
      const current = await readLeadCounts(pool);
      return current.stored - before === total && current.audited - before === total ? current : undefined;
    }, 120000);
    const asKnown = anonymous.map((event) => ({ ...event, leadId: event.leadId.replace('anon-', 'known-') }));
    for (const [leadId, want] of expectedByLead([...own, ...aliases, ...asKnown])) {
      expect({ leadId, ...counts.byLead.get(leadId) }).toEqual({ leadId, ...want });
    }
    const merged = await pool.query(`SELECT count(*)::int AS n FROM lead_projections WHERE lead_id LIKE 'anon-%' AND merged_into = replace(lead_id, 'anon-', 'known-')`);
    expect(merged.rows[0].n).toBe(200);
  });
});
