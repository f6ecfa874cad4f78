import { loadavg } from 'node:os';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { waitFor } from '../test/support/wait-for';
import { percentile, progress, report } from './bench-report';
import { consumerLag } from './consumer-lag';
import { CORES, CpuTracker, databaseBackendPids, kafkaBrokerPids, machineBusySeconds } from './cpu-tracker';
import { maxThroughput } from './max-throughput';
import { BROKERS, BenchNamespace, benchEvent, produceSteadily } from './steady-load';

/**
 * Latency under load: event handed to Kafka (`lead-events`) → its score change on `lead-scores`,
 * while one scoring worker gets half its maximum throughput (max-throughput.ts) for
 * BENCH_LATENCY_SECONDS (60). Events go straight to the events topic, not through ingest: on these
 * 2 cores ingest tops out below half the worker's rate (README: 257 single events/s, 8k/s in
 * batches of 100 at a core's cost), so through it the figure would be ingest's, and its CPU taken
 * from the worker. Only events that change a score produce a message; the others are counted.
 * Also the CPU each party used during the run, in cores (worker, PostgreSQL, Kafka, this bench, the machine).
 * Env: BENCH_LATENCY_LEADS (100000), BENCH_LATENCY_SECONDS (60), BENCH_MAX_EVENTS_PER_SECOND, BENCH_MAX_DRAIN_EVENTS.
 */
const LEADS = Number(process.env.BENCH_LATENCY_LEADS ?? 100_000);
const SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 60);
const TARGET_P99_MS = 100;

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-latency', brokers: BROKERS.split(','), logLevel: logLevel.ERROR });
  const max = await maxThroughput(kafka, LEADS);
  const rate = Math.round(max.eventsPerSecond / 2);
  process.stdout.write(`worker maximum ${Math.round(max.eventsPerSecond)} events/s (${max.from}); latency run at ${rate} events/s for ${SECONDS} s\n`);
  const space = new BenchNamespace(kafka, 'latency');
  await space.create();
  const { worker, port } = await space.startWorker();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `${space.namespace}.latency-probe`, maxWaitTimeInMs: 20 });
  const admin = kafka.admin();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  try {
    await Promise.all([producer.connect(), consumer.connect(), admin.connect()]);
    await consumer.subscribe({ topic: space.scoresTopic, fromBeginning: true });
    await consumer.run({ eachBatch: async ({ batch }) => {
      const now = performance.now();
      for (const message of batch.messages) {
        const cause = (JSON.parse(message.value!.toString()) as { causeEventId: string }).causeEventId;
        const at = sentAt.get(cause);
        if (at !== undefined) { latencies.push(now - at); sentAt.delete(cause); }
      }
    } });
    const loadAtStart = loadAverage();
    let maxLag = 0;
    const lagProbe = setInterval(() => void consumerLag(admin, space.scoringGroup, space.eventsTopic).then((lag) => { maxLag = Math.max(maxLag, lag); }, () => undefined), 2000);
    const progressTimer = setInterval(() => progress('latency run', latencies.length + sentAt.size, Math.round(rate * SECONDS)), 5000);
    const cpu = new RunCpu(space.databaseUrl, worker.pid!);
    await cpu.sample();
    const cpuProbe = setInterval(() => void cpu.sample().catch(() => undefined), 1000);
    const run = await produceSteadily({ producer, topic: space.eventsTopic, rate, seconds: SECONDS, event: (j) => benchEvent('latency', j, LEADS), sending: (id, at) => sentAt.set(id, at) });
    clearInterval(progressTimer);
    clearInterval(lagProbe);
    clearInterval(cpuProbe);
    const cpuCores = await cpu.coresOver(run.seconds);
    const loadAtEnd = loadAverage();
    // Every event stored and committed, then a moment for the last changes to reach the probe.
    await waitFor('the worker to catch up', async () => ((await consumerLag(admin, space.scoringGroup, space.eventsTopic)) === 0 ? true : undefined), 300000, 200);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const batches = await BenchNamespace.batchStats(port);
    const phases = await BenchNamespace.batchPhases(port);
    const gc = await BenchNamespace.batchPhases(port, 'nodejs_gc_duration_seconds', 'kind');
    const slowBatches = worker.output.join('').split('\n').filter((line) => line.includes('"slow batch"'));
    latencies.sort((a, b) => a - b);
    const [p50, p95, p99] = [50, 95, 99].map((p) => round(percentile(latencies, p)));
    report(
      { bench: 'latency', path: 'kafka', maxEventsPerSecond: Math.round(max.eventsPerSecond), maxFrom: max.from, maxDrainEvents: max.drainEvents ?? null,
        targetEventsPerSecond: rate, producedEventsPerSecond: Math.round(run.sent / run.seconds), seconds: round(run.seconds), events: run.sent, leads: LEADS,
        measured: latencies.length, withoutScoreChange: sentAt.size, p50Ms: p50, p95Ms: p95, p99Ms: p99, maxMs: round(latencies.at(-1) ?? NaN),
        targetP99Ms: TARGET_P99_MS, p99UnderTarget: p99 < TARGET_P99_MS, maxLag, workerBatches: batches, batchPhases: phases, workerGc: gc,
        slowBatchesLogged: slowBatches.length, slowestLogged: slowBatches.slice(-3).map((line) => (JSON.parse(line) as { ms?: unknown }).ms ?? line), producerMaxInFlight: run.maxInFlight, cpuCores, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAtEnd },
      `latency at half the worker's maximum (${rate} of ${Math.round(max.eventsPerSecond)} events/s, ${max.from}), lead-events → lead-scores over ${round(run.seconds)} s: `
      + `p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms (target < ${TARGET_P99_MS} ms) over ${latencies.length} score changes; most lag ${maxLag}; ${batches.batches} batches, mean ${batches.meanEvents} events, ${batches.meanMs} ms; load ${loadAtStart.join(' ')} → ${loadAtEnd.join(' ')}; `
      + `CPU in cores during the run: worker ${cpuCores.worker}, PostgreSQL ${cpuCores.postgres}, Kafka ${cpuCores.kafka}, this bench ${cpuCores.bench}, machine ${cpuCores.machine} of ${CORES}`,
    );
  } finally {
    await Promise.all([producer.disconnect(), consumer.disconnect(), admin.disconnect()]);
    await worker.stop();
    await space.drop();
  }
}

/**
 * CPU used during the steady run, in cores: the worker, its database's PostgreSQL backends, the
 * Kafka broker, this bench (producer and probe), and the whole machine — how near saturation the
 * box is at the rate, and who takes it.
 */
class RunCpu {
  private readonly pool: Pool;
  private readonly trackers = { worker: new CpuTracker(), postgres: new CpuTracker(), kafka: new CpuTracker(), bench: new CpuTracker() };
  /** The broker does not change during a run: /proc is scanned for it once. */
  private readonly kafkaPids = kafkaBrokerPids();
  private machineAtStart: number | null = null;

  constructor(databaseUrl: string, private readonly workerPid: number) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 1 });
  }

  async sample(): Promise<void> {
    this.machineAtStart ??= machineBusySeconds();
    const backends = await databaseBackendPids(this.pool);
    this.trackers.worker.sample([this.workerPid]);
    this.trackers.postgres.sample(backends);
    this.trackers.kafka.sample(this.kafkaPids);
    this.trackers.bench.sample([process.pid]);
  }

  async coresOver(seconds: number): Promise<Record<keyof RunCpu['trackers'] | 'machine', number>> {
    await this.sample();
    await this.pool.end();
    const cores = (used: number) => Math.round((used / seconds) * 100) / 100;
    return {
      worker: cores(this.trackers.worker.seconds), postgres: cores(this.trackers.postgres.seconds), kafka: cores(this.trackers.kafka.seconds),
      bench: cores(this.trackers.bench.seconds), machine: cores(machineBusySeconds() - (this.machineAtStart ?? 0)),
    };
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
const loadAverage = () => loadavg().map((n) => Math.round(n * 100) / 100);

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
