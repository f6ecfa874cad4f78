import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { topicName } from '@leadscore/contracts';
import { AppProcess } from '../test/support/app-process';
import { freePort } from '../test/support/free-port';
import { freshDatabase } from '../test/support/test-database';
import { waitFor, waitForHttpOk } from '../test/support/wait-for';
import { loadavg } from 'node:os';
import { percentile, progress, report } from './bench-report';
import { CpuTracker, databaseBackendPids } from './cpu-tracker';
import { measureStoreCeiling } from './store-ceiling';

/**
 * Throughput of the scoring worker against the store's own ceiling (COPY of the rows it wrote for
 * the same events, into fresh tables with the same indexes, same database server, same run: see
 * store-ceiling.ts) and against a bare kafkajs eachBatch consumer draining the same topic; CPU of
 * the worker and of its PostgreSQL backends per 1k events; then end-to-end latency (POST to
 * ingest → message on lead-scores).
 * Env: BENCH_EVENTS (200000), BENCH_LEADS (20000), BENCH_TRICKLE (200).
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const LEADS = Number(process.env.BENCH_LEADS ?? 20_000);
const TRICKLE = Number(process.env.BENCH_TRICKLE ?? 200);
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const BASE_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TYPES = ['email_open', 'email_click', 'page_visit', 'page_visit', 'page_visit', 'whitepaper_download', 'video_view', 'form_submit'];
const URLS = ['/pricing', '/blog/lead-scoring', '/demo', '/careers', '/product'];

async function main(): Promise<void> {
  const namespace = `bench-${Date.now().toString(36)}`;
  const kafka = new Kafka({ clientId: 'bench', brokers: BROKERS.split(','), logLevel: logLevel.ERROR });
  const topic = topicName(namespace, 'leadEvents');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: ['leadEvents', 'leadScores', 'leadHandoffs', 'leadEventsDlq'].map((key) => ({ topic: topicName(namespace, key as never), numPartitions: 6 })) });
  await admin.disconnect();

  await produce(kafka, topic);
  const baseline = await drainBare(kafka, topic, namespace);
  const databaseUrl = await freshDatabase(BASE_DB, 'leadscore_bench');
  const { eventsPerSecond: worker, cpuMsPer1kEvents, ceiling } = await drainWithWorker(databaseUrl, namespace);
  report(
    {
      bench: 'pipeline', events: EVENTS, leads: LEADS, workerEventsPerSecond: Math.round(worker),
      ceilingEventsPerSecond: Math.round(ceiling.eventsPerSecond), ceilingRatio: round3(worker / ceiling.eventsPerSecond),
      bareConsumerEventsPerSecond: Math.round(baseline), bareConsumerRatio: round3(worker / baseline), cpuMsPer1kEvents,
      loadAverage: loadavg().map(round),
    },
    `scoring worker: ${fmt(worker)} events/s; store ceiling (COPY of its event and audit rows): ${fmt(ceiling.eventsPerSecond)} events/s, ` +
      `ratio ${round3(worker / ceiling.eventsPerSecond)}; bare kafkajs consumer: ${fmt(baseline)} events/s, ratio ${round3(worker / baseline)}; ` +
      `CPU per 1k events: worker ${cpuMsPer1kEvents.worker} ms, PostgreSQL ${cpuMsPer1kEvents.postgres} ms`,
  );
  await latency(kafka, databaseUrl, namespace);
}

async function produce(kafka: Kafka, topic: string): Promise<void> {
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const at = new Date().toISOString();
  for (let i = 0; i < EVENTS; i += 5000) {
    const messages = [];
    for (let j = i; j < Math.min(EVENTS, i + 5000); j++) {
      const type = TYPES[j % TYPES.length];
      const leadId = `lead-${(j * 7919) % LEADS}`;
      const properties = type === 'page_visit' ? { url: URLS[j % URLS.length] } : {};
      messages.push({ key: leadId, value: JSON.stringify({ v: 1, eventId: `bench-${j}`, leadId, type, occurredAt: at, receivedAt: at, source: 'bench', properties, traits: null, sourceKeyId: null }) });
    }
    await producer.send({ topic, acks: -1, messages });
    progress('producing', Math.min(EVENTS, i + 5000), EVENTS);
  }
  await producer.disconnect();
}

async function drainBare(kafka: Kafka, topic: string, namespace: string): Promise<number> {
  const consumer = kafka.consumer({ groupId: `${namespace}.bare`, maxBytesPerPartition: 4 * 1024 * 1024, maxBytes: 16 * 1024 * 1024, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let started = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        if (started === 0) started = performance.now();
        seen += batch.messages.length;
        progress('bare consumer', Math.min(seen, EVENTS), EVENTS);
        if (seen >= EVENTS) resolve(performance.now());
      },
    });
  });
  const ended = await done;
  await consumer.disconnect();
  return EVENTS / ((ended - started) / 1000);
}

/** The worker's pace from its first stored event to the last, its CPU and its backends' per 1k events, then the store's ceiling on the same rows. */
async function drainWithWorker(databaseUrl: string, namespace: string) {
  const pool = new Pool({ connectionString: databaseUrl });
  const worker = new AppProcess('scoring', { KAFKA_BROKERS: BROKERS, DATABASE_URL: databaseUrl, REDIS_URL: REDIS, LEADSCORE_NAMESPACE: namespace, SCORING_HTTP_PORT: String(await freePort()), LOG_LEVEL: 'warn' });
  worker.start();
  try {
    const count = async () => Number((await pool.query('SELECT count(*) AS n FROM lead_events')).rows[0].n);
    const [workerCpu, postgresCpu] = [new CpuTracker(), new CpuTracker()];
    const sampleCpu = async () => {
      workerCpu.sample([worker.pid!]);
      postgresCpu.sample(await databaseBackendPids(pool));
    };
    await waitFor('first stored event', async () => ((await count()) > 0 ? true : undefined), 60000, 20);
    const started = performance.now();
    await sampleCpu();
    await waitFor('all events stored', async () => {
      const n = await count();
      await sampleCpu();
      progress('scoring', n, EVENTS);
      return n >= EVENTS ? true : undefined;
    }, 600000, 100);
    const eventsPerSecond = EVENTS / ((performance.now() - started) / 1000);
    const cpuMsPer1kEvents = { worker: round((workerCpu.seconds * 1e6) / EVENTS), postgres: round((postgresCpu.seconds * 1e6) / EVENTS) };
    await worker.stop();
    return { eventsPerSecond, cpuMsPer1kEvents, ceiling: await measureStoreCeiling(pool) };
  } finally {
    await worker.stop();
    await pool.end();
  }
}

async function latency(kafka: Kafka, databaseUrl: string, namespace: string): Promise<void> {
  const key = 'bench-write-key';
  const [ingestPort, scoringPort] = [await freePort(), await freePort()];
  const env = { KAFKA_BROKERS: BROKERS, DATABASE_URL: databaseUrl, REDIS_URL: REDIS, LEADSCORE_NAMESPACE: namespace, INGEST_WRITE_KEYS: key, LOG_LEVEL: 'warn',
    INGEST_ADDRESS_RATE_PER_SECOND: '1000000', INGEST_ADDRESS_RATE_BURST: '1000000' };
  const ingest = new AppProcess('ingest', { ...env, INGEST_PORT: String(ingestPort) });
  const worker = new AppProcess('scoring', { ...env, SCORING_HTTP_PORT: String(scoringPort) });
  ingest.start();
  worker.start();
  const consumer = kafka.consumer({ groupId: `${namespace}.latency` });
  try {
    await waitForHttpOk(`http://127.0.0.1:${ingestPort}/health/ready`);
    await waitForHttpOk(`http://127.0.0.1:${scoringPort}/health/ready`);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(namespace, 'leadScores'), fromBeginning: false });
    await consumer.run({ eachMessage: async ({ message }) => {
      const change = JSON.parse(message.value!.toString());
      const at = sentAt.get(change.causeEventId);
      if (at !== undefined) { latencies.push(performance.now() - at); sentAt.delete(change.causeEventId); }
    } });
    await new Promise((resolve) => setTimeout(resolve, 3000)); // let the consumer join before the trickle
    for (let i = 0; i < TRICKLE; i++) {
      const eventId = `trickle-${i}`;
      sentAt.set(eventId, performance.now());
      const response = await fetch(`http://127.0.0.1:${ingestPort}/v1/events`, {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ eventId, leadId: `trickle-lead-${i}`, type: 'whitepaper_download' }),
      });
      if (response.status !== 202) throw new Error(`ingest answered ${response.status}`);
      progress('trickle', i + 1, TRICKLE);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor('trickle scored', async () => (latencies.length >= TRICKLE ? true : undefined), 60000);
    latencies.sort((a, b) => a - b);
    const [p50, p99] = [percentile(latencies, 50), percentile(latencies, 99)];
    report({ bench: 'latency', events: TRICKLE, p50Ms: round(p50), p99Ms: round(p99) }, `end-to-end latency ingest → lead-scores: p50 ${round(p50)} ms, p99 ${round(p99)} ms (${TRICKLE} events, ~50/s)`);
  } finally {
    await consumer.disconnect();
    await ingest.stop();
    await worker.stop();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const round = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
