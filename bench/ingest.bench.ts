import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, type TopicKey, topicName } from '@leadscore/contracts';
import { AppProcess } from '../test/support/app-process';
import { freePort } from '../test/support/free-port';
import { freshDatabase } from '../test/support/test-database';
import { waitForHttpOk } from '../test/support/wait-for';
import { report } from './bench-report';

/**
 * Ingest throughput (requests/s, and events/s with batches of 100) against a bare Node http
 * server that only produces to Kafka with the same producer settings, both measured with
 * autocannon in the same run. Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (50).
 */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; this is the little of its API the bench uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const BASE_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WRITE_KEY = 'bench-ingest-write-key';

const event = (i: number) => ({ leadId: `lead-${i % 5000}`, type: 'page_visit', properties: { url: '/pricing' } });
const SINGLE = JSON.stringify(event(1));
const BATCH = JSON.stringify({ events: Array.from({ length: 100 }, (_, i) => event(i)) });

async function main(): Promise<void> {
  const namespace = `bench-ingest-${Date.now().toString(36)}`;
  const kafka = new Kafka({ clientId: 'bench', brokers: BROKERS.split(','), logLevel: logLevel.ERROR });
  const topics = (Object.keys(TOPICS) as TopicKey[]).map((key) => topicName(namespace, key));
  const [ingestPort, baselinePort] = [await freePort(), await freePort()];
  const databaseUrl = await freshDatabase(BASE_DB, 'leadscore_bench_ingest');
  const ingest = new AppProcess('ingest', {
    KAFKA_BROKERS: BROKERS, DATABASE_URL: databaseUrl, REDIS_URL: REDIS, LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '6',
    INGEST_PORT: String(ingestPort), INGEST_WRITE_KEYS: WRITE_KEY, LOG_LEVEL: 'error', INGEST_RATE_PER_SECOND: '1000000', INGEST_RATE_BURST: '1000000',
    // The load generator is one address: the per-address limit would be what it measures.
    INGEST_ADDRESS_RATE_PER_SECOND: '1000000', INGEST_ADDRESS_RATE_BURST: '1000000',
  });
  ingest.start();
  let baseline: ChildProcess | null = null;
  try {
    await waitForHttpOk(`http://127.0.0.1:${ingestPort}/health/ready`);
    baseline = spawn(process.execPath, [join(__dirname, 'ingest-baseline-server.js')], {
      env: { ...process.env, PORT: String(baselinePort), KAFKA_BROKERS: BROKERS, TOPIC: topicName(namespace, 'leadEvents') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => baseline!.stdout!.once('data', () => resolve()));

    const headers = { 'content-type': 'application/json', authorization: `Bearer ${WRITE_KEY}` };
    const measure = (port: number, body: string) =>
      autocannon({ url: `http://127.0.0.1:${port}/v1/events`, method: 'POST', headers, body, duration: SECONDS, connections: CONNECTIONS });
    for (const [name, body, perRequest] of [['single events', SINGLE, 1], ['batches of 100', BATCH, 100]] as const) {
      const bare = await measure(baselinePort, body);
      const ours = await measure(ingestPort, body);
      const ratio = ours.requests.average / bare.requests.average;
      report(
        {
          bench: 'ingest', shape: name, seconds: SECONDS, connections: CONNECTIONS,
          ingestRequestsPerSecond: ours.requests.average, ingestEventsPerSecond: ours.requests.average * perRequest, ingestP99Ms: ours.latency.p99, ingestNon2xx: ours.non2xx,
          bareRequestsPerSecond: bare.requests.average, bareEventsPerSecond: bare.requests.average * perRequest, bareP99Ms: bare.latency.p99, bareNon2xx: bare.non2xx,
          ratio,
        },
        `ingest, ${name}: ${fmt(ours.requests.average)} req/s = ${fmt(ours.requests.average * perRequest)} events/s (p99 ${ours.latency.p99} ms); ` +
          `bare http+Kafka: ${fmt(bare.requests.average)} req/s = ${fmt(bare.requests.average * perRequest)} events/s (p99 ${bare.latency.p99} ms); ratio ${ratio.toFixed(2)}`,
      );
    }
  } finally {
    baseline?.kill('SIGTERM');
    await ingest.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
