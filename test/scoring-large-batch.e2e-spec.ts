import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { topicName } from '@leadscore/contracts';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { readLeadCounts } from './support/lead-counts';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML, expectedByLead } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

// A backlog on one partition makes the worker's first batch thousands of events, whose score
// changes are several MB: more than Kafka takes in one record batch (~1 MiB). They must go out
// in runs, or the batch is refused on every retry and the worker never moves on.
describe('a scoring batch whose score changes exceed one Kafka record batch', () => {
  const namespace = uniqueNamespace('large');
  let pool: Pool;
  let worker: AppProcess;

  afterAll(async () => {
    await worker?.stop();
    await pool?.end();
  });

  it('is stored, scored and published completely', async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_large_batch');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    const kafka = new Kafka({ clientId: 'large-batch-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    const admin = kafka.admin();
    await admin.connect();
    const keys = ['leadEvents', 'leadScores', 'leadHandoffs', 'leadEventsDlq'] as const;
    await admin.createTopics({ waitForLeaders: true, topics: keys.map((key) => ({ topic: topicName(namespace, key), numPartitions: 1 })) });
    await admin.disconnect();

    const at = new Date().toISOString();
    const events = Array.from({ length: 10000 }, (_, i) => ({
      eventId: `big-${i}`, leadId: `lead-${i}`, type: 'whitepaper_download', properties: {},
    }));
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < events.length; i += 2000) {
      await producer.send({
        topic: topicName(namespace, 'leadEvents'),
        messages: events.slice(i, i + 2000).map((event) => ({
          key: event.leadId,
          value: JSON.stringify({ v: 1, ...event, occurredAt: at, receivedAt: at, source: null, traits: null, sourceKeyId: null }),
        })),
      });
    }
    await producer.disconnect();

    const port = await freePort();
    worker = new AppProcess('scoring', {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '1', SCORING_HTTP_PORT: String(port), LOG_LEVEL: 'warn',
    });
    worker.start();
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`);
    const counts = await waitFor('the backlog scored', async () => {
      const current = await readLeadCounts(pool);
      return current.stored === events.length && current.audited === events.length ? current : undefined;
    }, 90000);
    const expected = expectedByLead(events);
    expect(counts.byLead.size).toBe(expected.size);
    expect(counts.byLead.get('lead-9999')).toEqual({ score: 15, eventCount: 1 });

    const offsets = await kafka.admin().fetchTopicOffsets(topicName(namespace, 'leadScores')).catch(() => null);
    const published = offsets?.reduce((sum, partition) => sum + Number(partition.high), 0);
    expect(published).toBe(events.length);
  });
});
