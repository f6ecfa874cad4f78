import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { repoRoot } from '../test/support/app-process';
import { waitFor } from '../test/support/wait-for';
import { report } from './bench-report';
import { consumerLag } from './consumer-lag';
import { maxThroughput } from './max-throughput';
import { type SoakSample, soakCsv, soakPng } from './soak-plot';
import { BROKERS, BenchNamespace, benchEvent, produceSteadily } from './steady-load';

/**
 * Soak: one scoring worker fed half its maximum throughput (max-throughput.ts) for
 * BENCH_SOAK_SECONDS (600); every BENCH_SOAK_SAMPLE_SECONDS (5) its RSS (/proc/PID/status), heap
 * (its /metrics) and the group's consumer lag. Prints a JSON line — RSS first/min/max/last, flat
 * within ±10 % of the median after BENCH_SOAK_WARMUP_SECONDS (60), under 300 MB — and writes
 * soak.csv and soak.png into BENCH_SOAK_OUT (docs/).
 * Env: BENCH_SOAK_LEADS (100000), BENCH_MAX_EVENTS_PER_SECOND, BENCH_MAX_DRAIN_EVENTS.
 */
const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const SAMPLE_SECONDS = Number(process.env.BENCH_SOAK_SAMPLE_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_SOAK_WARMUP_SECONDS ?? 60);
const LEADS = Number(process.env.BENCH_SOAK_LEADS ?? 100_000);
const OUT = process.env.BENCH_SOAK_OUT ?? join(repoRoot(), 'docs');
const RSS_LIMIT_MB = 300;
const FLAT_WITHIN = 0.1;

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-soak', brokers: BROKERS.split(','), logLevel: logLevel.ERROR });
  const max = await maxThroughput(kafka, LEADS);
  const rate = Math.round(max.eventsPerSecond / 2);
  process.stdout.write(`worker maximum ${Math.round(max.eventsPerSecond)} events/s (${max.from}); soak at ${rate} events/s for ${SECONDS} s\n`);
  const space = new BenchNamespace(kafka, 'soak');
  await space.create();
  const { worker, port } = await space.startWorker();
  const producer = kafka.producer();
  const admin = kafka.admin();
  const samples: SoakSample[] = [];
  try {
    await Promise.all([producer.connect(), admin.connect()]);
    const loadAtStart = loadAverage();
    const started = performance.now();
    const sample = async () => {
      const [lag, heapUsedMb] = await Promise.all([consumerLag(admin, space.scoringGroup, space.eventsTopic), heapUsedOf(port)]);
      const at = { seconds: Math.round((performance.now() - started) / 1000), rssMb: rssMbOf(worker.pid!), heapUsedMb, lag, load1: loadAverage()[0] };
      samples.push(at);
      process.stdout.write(`soak ${at.seconds}/${SECONDS} s: RSS ${at.rssMb} MB, heap ${at.heapUsedMb ?? '?'} MB, lag ${at.lag}, load ${at.load1}\n`);
    };
    await sample();
    // One sample at a time, each tick; a failed one (Kafka busy) is said and skipped, not fatal.
    let sampling = Promise.resolve();
    const sampler = setInterval(() => {
      sampling = sampling.then(sample).catch((error: unknown) => { process.stderr.write(`soak sample skipped: ${String(error)}\n`); });
    }, SAMPLE_SECONDS * 1000);
    const run = await produceSteadily({ producer, topic: space.eventsTopic, rate, seconds: SECONDS, event: (j) => benchEvent('soak', j, LEADS) });
    clearInterval(sampler);
    await sampling;
    await sample();
    const loadAtEnd = loadAverage();
    const batches = await BenchNamespace.batchStats(port);
    const caughtUpIn = await timeToCatchUp(() => consumerLag(admin, space.scoringGroup, space.eventsTopic));
    const rss = samples.map((s) => s.rssMb);
    const settled = samples.filter((s) => s.seconds >= WARMUP_SECONDS).map((s) => s.rssMb);
    const median = [...settled].sort((a, b) => a - b)[Math.floor(settled.length / 2)];
    const flat = settled.every((mb) => Math.abs(mb - median) <= FLAT_WITHIN * median);
    const lags = samples.map((s) => s.lag);
    const title = `scoring worker at ${rate} events/s (half of ${Math.round(max.eventsPerSecond)}) for ${Math.round(run.seconds)} s; load ${loadAtStart[0]}-${loadAtEnd[0]}`;
    writeFileSync(join(OUT, 'soak.csv'), soakCsv(samples));
    writeFileSync(join(OUT, 'soak.png'), soakPng(samples, title));
    report(
      { bench: 'soak', maxEventsPerSecond: Math.round(max.eventsPerSecond), maxFrom: max.from, maxDrainEvents: max.drainEvents ?? null, targetEventsPerSecond: rate,
        producedEventsPerSecond: Math.round(run.sent / run.seconds), seconds: Math.round(run.seconds), events: run.sent, leads: LEADS, samples: samples.length,
        rssMb: { first: rss[0], min: Math.min(...rss), max: Math.max(...rss), last: rss.at(-1) }, warmupSeconds: WARMUP_SECONDS,
        rssAfterWarmupMb: { min: Math.min(...settled), median, max: Math.max(...settled) }, flatWithin10Percent: flat, under300Mb: Math.max(...rss) < RSS_LIMIT_MB,
        lag: { max: Math.max(...lags), median: [...lags].sort((a, b) => a - b)[Math.floor(lags.length / 2)], last: lags.at(-1) }, caughtUpSeconds: caughtUpIn, workerBatches: batches,
        producerMaxInFlight: run.maxInFlight, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAtEnd, csv: join(OUT, 'soak.csv'), png: join(OUT, 'soak.png') },
      `soak, ${title}: RSS first ${rss[0]} MB, min ${Math.min(...rss)}, max ${Math.max(...rss)}, last ${rss.at(-1)}; after ${WARMUP_SECONDS} s within ±10 % of ${median} MB: ${flat}; `
      + `under ${RSS_LIMIT_MB} MB: ${Math.max(...rss) < RSS_LIMIT_MB}; lag max ${Math.max(...lags)}, caught up ${caughtUpIn} s after the last event`,
    );
  } finally {
    await Promise.all([producer.disconnect(), admin.disconnect()]);
    await worker.stop();
    await space.drop();
  }
}

/** VmRSS of a process, in MB (one decimal). */
function rssMbOf(pid: number): number {
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Math.round(kb / 102.4) / 10;
}

/** The worker's V8 heap in use, from its Prometheus metrics (null if it does not answer in time). */
async function heapUsedOf(port: number): Promise<number | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
    const bytes = Number(/^leadscore_nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)/m.exec(text)?.[1] ?? NaN);
    return Number.isFinite(bytes) ? Math.round(bytes / 104857.6) / 10 : null;
  } catch {
    return null;
  }
}

async function timeToCatchUp(lag: () => Promise<number>): Promise<number> {
  const from = performance.now();
  await waitFor('the worker to catch up', async () => ((await lag()) === 0 ? true : undefined), 600000, 500);
  return Math.round((performance.now() - from) / 100) / 10;
}

const loadAverage = () => loadavg().map((n) => Math.round(n * 100) / 100);

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
