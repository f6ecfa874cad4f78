import { loadavg } from 'node:os';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { groupId, topicName } from '@leadscore/contracts';
import { AppProcess } from '../test/support/app-process';
import { freePort } from '../test/support/free-port';
import { freshDatabase } from '../test/support/test-database';
import { waitFor, waitForHttpOk } from '../test/support/wait-for';
import { progress, report } from './bench-report';
import { GroupGate } from './group-gate';
import { CORES, CpuTracker, databaseBackendPids, machineBusySeconds } from './cpu-tracker';
import { seeded } from './seeded';
import { measureStorage } from './storage-footprint';

/**
 * Scale-out: the same events drained by 1, 2 and 3 scoring worker processes in one consumer group
 * (6 partitions), each N on a fresh topic and database, all N starting at once (GroupGate); one
 * JSON line per N with events/s and the ratio to N = 1, then the store's bytes per event.
 * Env: BENCH_SCALE_EVENTS (100000), BENCH_SCALE_LEADS (10000), BENCH_SCALE_WORKERS ("1,2,3").
 */
const EVENTS = Number(process.env.BENCH_SCALE_EVENTS ?? 100_000);
const LEADS = Number(process.env.BENCH_SCALE_LEADS ?? 10_000);
const COUNTS = (process.env.BENCH_SCALE_WORKERS ?? '1,2,3').split(',').map(Number);
const PARTITIONS = 6;
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const BASE_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TYPES = ['email_open', 'email_click', 'page_visit', 'page_visit', 'page_visit', 'whitepaper_download', 'video_view', 'form_submit'];
const URLS = ['/pricing', '/blog/lead-scoring', '/demo', '/careers', '/product'];

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-scale-out', brokers: BROKERS.split(','), logLevel: logLevel.ERROR });
  const messages = events();
  let single: number | null = null;
  for (const workers of COUNTS) {
    const namespace = `bench-scale${workers}-${Date.now().toString(36)}`;
    await produce(kafka, namespace, messages);
    const databaseUrl = await freshDatabase(BASE_DB, 'leadscore_bench_scale_out');
    const run = await drain(kafka, namespace, databaseUrl, workers);
    if (workers === 1) single = run.eventsPerSecond;
    const ratio = single === null ? null : round(run.eventsPerSecond / single, 2);
    report(
      { bench: 'scale-out', workers, partitions: PARTITIONS, events: EVENTS, leads: LEADS, eventsPerSecond: Math.round(run.eventsPerSecond), ratioToOneWorker: ratio, rebalancesDuringDrain: run.rebalances, cores: run.cores, cpuMsPer1kEvents: run.cpuMsPer1kEvents, loadAverage: loadAverage() },
      `${workers} scoring worker(s), one group, ${PARTITIONS} partitions: ${Math.round(run.eventsPerSecond).toLocaleString('en-US')} events/s${ratio === null ? '' : ` (${ratio}× one worker)`}; `
      + `CPU: workers ${run.cores.workers}, PostgreSQL ${run.cores.postgres}, machine busy ${run.cores.machineBusy} of ${run.cores.machine} cores; `
      + `per 1k events: workers ${run.cpuMsPer1kEvents.workers} ms, PostgreSQL ${run.cpuMsPer1kEvents.postgres} ms; ${run.rebalances} rebalance(s) during the drain`,
    );
    if (workers === COUNTS[0]) await measureStorage(databaseUrl, EVENTS, LEADS);
  }
}

/** The same deterministic events for every N: type, one URL property on page visits, spread over LEADS leads. */
function events(): Array<{ key: string; value: string }> {
  const random = seeded(15);
  const at = new Date().toISOString();
  return Array.from({ length: EVENTS }, (_, j) => {
    const type = TYPES[Math.floor(random() * TYPES.length)];
    const leadId = `lead-${Math.floor(random() * LEADS)}`;
    const properties = type === 'page_visit' ? { url: URLS[Math.floor(random() * URLS.length)] } : {};
    return { key: leadId, value: JSON.stringify({ v: 1, eventId: `scale-${j}`, leadId, type, occurredAt: at, receivedAt: at, source: 'bench', properties, traits: null, sourceKeyId: null }) };
  });
}

async function produce(kafka: Kafka, namespace: string, messages: Array<{ key: string; value: string }>): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const keys = ['leadEvents', 'leadScores', 'leadHandoffs', 'leadEventsDlq'] as const;
  await admin.createTopics({ waitForLeaders: true, topics: keys.map((key) => ({ topic: topicName(namespace, key), numPartitions: PARTITIONS })) });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  for (let i = 0; i < messages.length; i += 5000) {
    await producer.send({ topic: topicName(namespace, 'leadEvents'), acks: -1, messages: messages.slice(i, i + 5000) });
    progress('producing', Math.min(messages.length, i + 5000), messages.length);
  }
  await producer.disconnect();
}

interface DrainResult {
  eventsPerSecond: number;
  rebalances: number;
  /** CPU used during the drain, in cores: the workers, this database's PostgreSQL backends, the whole machine (Kafka and everyone else included). */
  cores: { workers: number; postgres: number; machineBusy: number; machine: number };
  cpuMsPer1kEvents: { workers: number; postgres: number };
}

/** N workers drain the topic: events/s from the moment they get its partitions (all at once) to the last event stored. */
async function drain(kafka: Kafka, namespace: string, databaseUrl: string, count: number): Promise<DrainResult> {
  const pool = new Pool({ connectionString: databaseUrl });
  const gate = new GroupGate(kafka, groupId(namespace, 'leadscore-scoring'), topicName(namespace, 'leadEvents'), count);
  await gate.join();
  const env = { KAFKA_BROKERS: BROKERS, DATABASE_URL: databaseUrl, REDIS_URL: REDIS, LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: String(PARTITIONS), LOG_LEVEL: 'warn' };
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const workers = ports.map((port) => new AppProcess('scoring', { ...env, SCORING_HTTP_PORT: String(port) }));
  try {
    workers.forEach((worker) => worker.start());
    await Promise.all(ports.map((port) => waitForHttpOk(`http://127.0.0.1:${port}/health/live`, 90000)));
    const stored = async () => Number((await pool.query('SELECT count(*) AS n FROM lead_events')).rows[0].n);
    // From the moment the workers get the partitions: a batch is seen only once committed, and with
    // 100k events over 6 partitions a batch (up to 4 MiB of a partition) is a large share of the work.
    const started = await waitFor('the gate to open', async () => gate.opened ?? undefined, 120000, 10);
    const [workerCpu, postgresCpu] = [new CpuTracker(), new CpuTracker()];
    const sampleCpu = async () => {
      workerCpu.sample(workers.map((worker) => worker.pid!));
      postgresCpu.sample(await databaseBackendPids(pool));
    };
    await sampleCpu();
    const machineBefore = machineBusySeconds();
    await waitFor('all events stored', async () => {
      const n = await stored();
      await sampleCpu();
      progress(`${count} worker(s) scoring`, n, EVENTS);
      return n >= EVENTS ? true : undefined;
    }, 600000, 100);
    const [seconds, machine] = [(performance.now() - started) / 1000, machineBusySeconds() - machineBefore];
    // A rebalance mid-drain stops every worker for a while: the figure is then not N workers' pace. Say why.
    if (gate.rebalancesSinceOpening > 0) workers.forEach((worker, n) => process.stderr.write(`--- worker ${n} (a rebalance during the drain)\n${worker.tail(10)}\n`));
    return {
      eventsPerSecond: EVENTS / seconds,
      rebalances: gate.rebalancesSinceOpening,
      cores: { workers: round(workerCpu.seconds / seconds, 2), postgres: round(postgresCpu.seconds / seconds, 2), machineBusy: round(machine / seconds, 2), machine: CORES },
      // What the work costs whatever share of the machine it got: the figure that says whether N workers do more work per event.
      cpuMsPer1kEvents: { workers: round((workerCpu.seconds * 1e6) / EVENTS, 1), postgres: round((postgresCpu.seconds * 1e6) / EVENTS, 1) },
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await gate.leave();
    await pool.end();
  }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const loadAverage = () => loadavg().map((n) => round(n, 2));

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
