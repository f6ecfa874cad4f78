import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import { type LeadscoreConfig, loadConfig } from '@leadscore/config';
import { type LeadEventMessage, requestIdOf, TOPICS, type TopicKey, topicName } from '@leadscore/contracts';
import { JsonLogger } from '@leadscore/observability';
import { freshDatabase } from '@test/support/test-database';
import { createIngestApp } from '../create-ingest-app';
import { prepareIngest } from '../prepare-ingest';

export interface IngestUnderTest {
  url: string;
  config: LeadscoreConfig;
  app: NestFastifyApplication;
  /** Every message that reached the namespace's lead-events, in arrival order. */
  received: LeadEventMessage[];
  /** The `request-id` header of each message of `received`, at the same index. */
  requestIds: Array<string | undefined>;
  logLines: string[];
  close(): Promise<void>;
}

/**
 * An in-process ingest app on real Kafka, PostgreSQL and Redis, in a database and topic namespace
 * of its own, with a consumer recording what reaches `lead-events` (for "nothing reached Kafka").
 */
export async function startIngest(options: { suite: string; writeKeys: string[]; env?: Record<string, string> }): Promise<IngestUnderTest> {
  const servers = testServers();
  const namespace = `t-${options.suite}-${Date.now().toString(36)}`;
  const databaseUrl = await freshDatabase(servers.databaseUrl, `leadscore_test_${options.suite.replace(/-/g, '_')}`);
  const config = loadConfig({
    KAFKA_BROKERS: servers.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: servers.redisUrl, LEADSCORE_NAMESPACE: namespace,
    KAFKA_PARTITIONS: '1', INGEST_WRITE_KEYS: options.writeKeys.join(','), LOG_LEVEL: 'debug', ...options.env,
  });
  const logLines: string[] = [];
  const logger = new JsonLogger('ingest', 'debug', (line) => logLines.push(line));
  await prepareIngest(config, logger);
  const app = await createIngestApp({ config, logger, port: 0, host: '127.0.0.1' });
  const received: LeadEventMessage[] = [];
  const requestIds: Array<string | undefined> = [];
  // The reader is an outside party: a kafkajs client of its own (the app's KafkaClient is opaque).
  const kafka = new Kafka({ clientId: `${options.suite}-reader`, brokers: config.kafkaBrokers, logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: `${namespace}.reader` });
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(namespace, 'leadEvents'), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.push(JSON.parse(String(message.value)) as LeadEventMessage);
      requestIds.push(requestIdOf(message.headers));
    },
  });
  return {
    url: await app.getUrl(),
    config,
    app,
    received,
    requestIds,
    logLines,
    async close() {
      await consumer.disconnect();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: (Object.keys(TOPICS) as TopicKey[]).map((key) => topicName(namespace, key)) }).catch(() => undefined);
      await admin.disconnect();
      await app.close();
    },
  };
}

/** Resolves once `condition` holds; used to wait for Kafka, never as a sleep. */
export async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Lets Kafka deliver anything still in flight, to prove that nothing more arrives. */
export function settle(ms = 1500): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// The integration tier's servers (test/setup/global-setup.ts sets these; defaults = scripts/services.sh).
// Not imported from test/: this folder is part of the app's build, which must not pull test/ in.
function testServers() {
  return {
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}

