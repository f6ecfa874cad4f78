import { Pool } from 'pg';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { readLeadCounts } from './support/lead-counts';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML, expectedByLead, generateEvents } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const WRITE_KEY = 'e2e-pipeline-write-key';

describe('ingest → Kafka → scoring → Postgres', () => {
  const namespace = uniqueNamespace('pipeline');
  let databaseUrl: string;
  let pool: Pool;
  let ingest: AppProcess;
  let scoring: AppProcess;
  let ingestUrl: string;

  beforeAll(async () => {
    const env = testEnv();
    databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_pipeline');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    const [ingestPort, scoringPort] = [await freePort(), await freePort()];
    const common = {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '3', INGEST_WRITE_KEYS: WRITE_KEY, LOG_LEVEL: 'warn',
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

  it('scores every lead exactly as an independent oracle says, counting repeated eventIds once', async () => {
    const events = generateEvents(1200, 60);
    const resent = events.filter((_, i) => i % 12 === 0); // 100 events sent a second time, same eventId
    const sent = [...events, ...resent];
    for (let i = 0; i < sent.length; i += 100) {
      const response = await fetch(`${ingestUrl}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${WRITE_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: sent.slice(i, i + 100) }),
      });
      expect(response.status).toBe(202);
    }
    const expected = expectedByLead(sent);
    expect(expected.size).toBeGreaterThanOrEqual(50);

    const counts = await waitFor('every event scored', async () => {
      const current = await readLeadCounts(pool);
      return current.stored === events.length && current.audited === events.length ? current : undefined;
    }, 90000);

    expect(counts.byLead.size).toBe(expected.size);
    for (const [leadId, want] of expected) {
      expect({ leadId, ...counts.byLead.get(leadId) }).toEqual({ leadId, ...want });
    }
  });
});
