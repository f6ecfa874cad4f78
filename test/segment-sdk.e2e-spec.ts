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

const WRITE_KEY = 'e2e-segment-sdk-write-key';
const USERS = ['sdk-user-1', 'sdk-user-2', 'sdk-user-3', 'sdk-user-4'];

jest.setTimeout(90_000);

/**
 * The stock Segment SDK pointed at Leadscore: each user is identified, downloads a whitepaper
 * (+15), opens an email (+2) and visits a page (+1, or −9 for a careers page, clamped at 0).
 */
function sendAll(analytics: Analytics, round: string): void {
  USERS.forEach((userId, index) => {
    const url = index === 3 ? 'https://x.test/careers' : 'https://x.test/pricing';
    analytics.identify({ userId, messageId: `${userId}-identify`, traits: { email: `${userId}@example.test`, title: 'CTO' } });
    analytics.track({ userId, messageId: `${userId}-whitepaper`, event: 'Whitepaper Download', properties: { asset: 'guide.pdf', round } });
    analytics.track({ userId, messageId: `${userId}-email`, event: 'Email Open' });
    analytics.page({ userId, messageId: `${userId}-page`, name: 'Landing', properties: { url } });
  });
}

describe('@segment/analytics-node → ingest → scoring', () => {
  const namespace = uniqueNamespace('segment-sdk');
  let pool: Pool;
  let ingest: AppProcess;
  let scoring: AppProcess;
  let ingestUrl: string;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_segment_sdk');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    const [ingestPort, scoringPort] = [await freePort(), await freePort()];
    const common = {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '2', INGEST_WRITE_KEYS: WRITE_KEY, LOG_LEVEL: 'warn',
    };
    ingest = new AppProcess('ingest', { ...common, INGEST_PORT: String(ingestPort) });
    scoring = new AppProcess('scoring', { ...common, SCORING_HTTP_PORT: String(scoringPort) });
    ingest.start();
    scoring.start();
    ingestUrl = `http://127.0.0.1:${ingestPort}`;
    await waitForHttpOk(`${ingestUrl}/health/ready`);
    await waitForHttpOk(`http://127.0.0.1:${scoringPort}/health/ready`);
  });

  afterAll(async () => {
    await ingest?.stop();
    await scoring?.stop();
    await pool?.end();
  });

  const sdk = () => new Analytics({ writeKey: WRITE_KEY, host: ingestUrl, path: '/v1/batch', maxEventsInBatch: 10, flushInterval: 100 });

  it('scores what the SDK sends, and counts resent messageIds once', async () => {
    const failures: unknown[] = [];
    const first = sdk();
    first.on('error', (error) => failures.push(error));
    sendAll(first, 'first');
    await first.closeAndFlush({ timeout: 20_000 });
    expect(failures).toEqual([]);

    const expected = new Map(USERS.map((userId, index) => [userId, { score: index === 3 ? 8 : 18, eventCount: 4 }]));
    const scored = await waitFor('every SDK event scored', async () => {
      const counts = await readLeadCounts(pool);
      return counts.stored === 16 && counts.audited === 16 ? counts : undefined;
    }, 60_000);
    for (const [userId, want] of expected) expect({ userId, ...scored.byLead.get(userId) }).toEqual({ userId, ...want });

    // The same messageIds again (an SDK retry, a replayed export): nothing is counted twice.
    const second = sdk();
    second.on('error', (error) => failures.push(error));
    sendAll(second, 'second');
    second.track({ userId: USERS[0], messageId: `${USERS[0]}-late-email`, event: 'Email Open' });
    await second.closeAndFlush({ timeout: 20_000 });
    expect(failures).toEqual([]);
    const after = await waitFor('the one new event scored', async () => {
      const counts = await readLeadCounts(pool);
      return counts.audited === 17 ? counts : undefined;
    }, 60_000);
    expect(after.stored).toBe(17);
    expect(after.byLead.get(USERS[0])).toEqual({ score: 20, eventCount: 5 });
    for (const userId of USERS.slice(1)) expect(after.byLead.get(userId)).toEqual(expected.get(userId));
  });
});
