/**
 * Replay and simulation throughput from the event store (apps/admin/src/replay, simulations).
 * Stores N events straight into a fresh database with `appendEvents` (large chunks), with
 * rules/default.yaml active, then times, in this process, exactly the jobs the admin runs:
 * a replay of all N events into a new generation (events/s, switch included) and a simulation
 * of the same version against it (seconds for N, extrapolated to 1M). Then the simulation's read
 * alone (its COPY stream decoded into events, nothing folded) against a bare `COPY (…) TO STDOUT`
 * of the very same rows that only counts the bytes: what decoding costs over the store's own pace.
 * Each job also reports the CPU seconds it took in this process and in its PostgreSQL backends
 * (sampled from /proc every second), and the load average around it: on a shared machine the
 * CPU figures compare runs better than the wall clock.
 * Env: BENCH_REPLAY_EVENTS (300000), BENCH_REPLAY_LEADS (N / 15), BENCH_REPLAY_PAGE_SIZE (the admin's, 50000).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { appendEvents, createBuildingGeneration, scoringEventsSelect, streamScoringEventsByLead, type NewEvent } from '@leadscore/persistence';
import { compileRuleSet, parseRuleSet } from '@leadscore/scoring';
import { jobMetrics } from '../apps/admin/src/replay/job-metrics';
import { readReplayStart, runReplay } from '../apps/admin/src/replay/replay-job';
import { insertReplay } from '../apps/admin/src/replay/replay.repository';
import { runSimulation } from '../apps/admin/src/simulations/simulation-job';
import { insertSimulation } from '../apps/admin/src/simulations/simulations.repository';
import { seedRuleSet } from '../test/support/seed-rule-set';
import { freshDatabase } from '../test/support/test-database';
import { progress, report } from './bench-report';
import { CpuTracker } from './cpu-tracker';
import { seeded } from './seeded';

const EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 300_000);
const LEADS = Number(process.env.BENCH_REPLAY_LEADS ?? Math.max(1, Math.round(EVENTS / 15)));
const BASE_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore';
const PAGE_SIZE = Number(process.env.BENCH_REPLAY_PAGE_SIZE ?? 50_000);
const CHUNK = 20_000;
const TYPES = ['email_open', 'email_open', 'email_click', 'page_visit', 'page_visit', 'page_visit', 'whitepaper_download', 'video_view', 'form_submit', 'webinar_registration'];
const URLS = ['/pricing', '/blog/lead-scoring', '/demo', '/careers', '/product', '/docs/api'];
const TITLES = ['VP Marketing', 'Engineer', 'Head of Sales', 'Intern', 'CTO'];
const START = Date.UTC(2026, 0, 5);

async function main(): Promise<void> {
  const rulesText = readFileSync(join(__dirname, '..', '..', 'rules', 'default.yaml'), 'utf8');
  const databaseUrl = await freshDatabase(BASE_DB, 'leadscore_bench_replay');
  const version = await seedRuleSet(databaseUrl, rulesText);
  const parsed = parseRuleSet(rulesText, 'yaml');
  if (!parsed.ok) throw new Error('rules/default.yaml does not parse');
  const ruleSet = compileRuleSet(parsed.definition, version);
  const pool = new Pool({ connectionString: databaseUrl, max: 6 });
  const log = new JsonLogger('bench', 'warn').child('replay-bench');
  const metrics = jobMetrics(new Metrics('bench'));
  try {
    await store(pool);
    await pool.query('VACUUM ANALYZE lead_events');

    const replayId = randomUUID();
    const generation = await createBuildingGeneration(pool, version);
    const replayStarted = performance.now();
    const replayCpu = await JobCpu.start(pool);
    const start = await readReplayStart(pool);
    await insertReplay(pool, { id: replayId, rulesVersion: version, generation, total: start.total });
    const outcome = await watch(pool, 'replaying', `SELECT processed FROM replays WHERE id = $1`, replayId, replayCpu,
      runReplay({ pool, log, metrics, pageSize: PAGE_SIZE, switchLag: 2_000, maxCatchUpRounds: 20 }, { id: replayId, generation, ruleSet, start }));
    const replaySeconds = (performance.now() - replayStarted) / 1000;
    if (outcome !== 'switched') throw new Error(`replay ${outcome}`);
    const replayRate = EVENTS / replaySeconds;
    report(
      { bench: 'replay', events: EVENTS, leads: LEADS, seconds: round(replaySeconds), eventsPerSecond: Math.round(replayRate), ...(await replayCpu.stop()) },
      `replay: ${fmt(EVENTS)} events over ${fmt(LEADS)} leads in ${round(replaySeconds)} s = ${fmt(replayRate)} events/s (projections + audit rows written, switched)`,
    );

    const simulationId = randomUUID();
    await insertSimulation(pool, simulationId, version);
    const simulationStarted = performance.now();
    const simulationCpu = await JobCpu.start(pool);
    const simulated = await watch(pool, 'simulating', `SELECT processed FROM simulations WHERE id = $1`, simulationId, simulationCpu,
      runSimulation({ pool, log, metrics, pageSize: 50_000, progressEvery: 5_000 }, simulationId, ruleSet));
    const simulationSeconds = (performance.now() - simulationStarted) / 1000;
    if (simulated !== 'done') throw new Error(`simulation ${simulated}`);
    const changed = (await pool.query(`SELECT result->'changedLeads' AS n FROM simulations WHERE id = $1`, [simulationId])).rows[0].n;
    report(
      { bench: 'simulation', events: EVENTS, leads: LEADS, seconds: round(simulationSeconds), eventsPerSecond: Math.round(EVENTS / simulationSeconds), secondsFor1M: round((simulationSeconds * 1_000_000) / EVENTS), changedLeads: changed, ...(await simulationCpu.stop()) },
      `simulation: ${fmt(EVENTS)} events in ${round(simulationSeconds)} s (${fmt(EVENTS / simulationSeconds)} events/s; ~${round((simulationSeconds * 1_000_000) / EVENTS)} s for 1M${EVENTS === 1_000_000 ? ', measured' : ', extrapolated'}); changed leads ${changed}`,
    );

    await compareReadWithBareCopy(pool);
  } finally {
    await pool.end();
  }
}

/** The simulation's read (decoded, not folded) against a bare COPY TO STDOUT of the same rows; each twice, alternating. */
async function compareReadWithBareCopy(pool: Pool): Promise<void> {
  const upto = (await pool.query<{ seq: string }>(`SELECT max(seq)::text AS seq FROM lead_events`)).rows[0].seq;
  const bare: number[] = [];
  const read: number[] = [];
  let bytes = 0;
  let events = 0;
  for (let round = 0; round < 2; round++) {
    let started = performance.now();
    bytes = await bareCopyBytes(pool, scoringEventsSelect(upto));
    bare.push((performance.now() - started) / 1000);
    started = performance.now();
    events = 0;
    for await (const batch of streamScoringEventsByLead(pool, { uptoSeq: upto, batchEvents: 50_000 })) events += batch.length;
    read.push((performance.now() - started) / 1000);
  }
  const bareSeconds = Math.min(...bare);
  const readSeconds = Math.min(...read);
  report(
    { bench: 'simulation-read', events, bytes, readSeconds: round(readSeconds), bareCopySeconds: round(bareSeconds), ratio: Math.round((bareSeconds / readSeconds) * 100) / 100 },
    `simulation read: ${fmt(events)} events decoded in ${round(readSeconds)} s; bare COPY TO STDOUT of the same rows (${fmt(bytes / 1e6)} MB): ${round(bareSeconds)} s (best of 2 each; ratio bare / read, 1 = the read keeps the store's pace)`,
  );
}

async function bareCopyBytes(pool: Pool, select: string): Promise<number> {
  const client = await pool.connect();
  try {
    let bytes = 0;
    for await (const chunk of client.query(copyTo(`COPY (${select}) TO STDOUT`)) as AsyncIterable<Buffer>) bytes += chunk.length;
    return bytes;
  } finally {
    client.release();
  }
}

async function store(pool: Pool): Promise<void> {
  const next = seeded(42);
  const client = await pool.connect();
  try {
    for (let i = 0; i < EVENTS; i += CHUNK) {
      const events: NewEvent[] = [];
      for (let j = i; j < Math.min(EVENTS, i + CHUNK); j++) {
        const lead = Math.floor(next() * LEADS);
        const identify = next() < 0.03;
        const type = identify ? 'identify' : TYPES[Math.floor(next() * TYPES.length)];
        const at = new Date(START + Math.floor((j / EVENTS) * 120 * 86_400_000));
        events.push({
          eventId: `bench-${j}`, leadId: `lead-${lead}`, type, occurredAt: at, receivedAt: at, source: 'bench',
          properties: type === 'page_visit' ? { url: URLS[j % URLS.length] } : {},
          traits: identify ? { jobTitle: TITLES[lead % TITLES.length], companySize: (lead % 7) * 150, country: 'DE' } : null,
          sourceKeyId: null,
          producer: 'public',
        });
      }
      await client.query('BEGIN');
      await appendEvents(client, events);
      await client.query('COMMIT');
      progress('storing', Math.min(EVENTS, i + CHUNK), EVENTS);
    }
  } finally {
    client.release();
  }
}

/**
 * Prints the job's progress (from its row) every second until it ends. The poll wakes up when the
 * job ends, so the caller's clock stops then (sleeping out the second added up to 1 s to a figure).
 */
async function watch<T>(pool: Pool, label: string, sql: string, id: string, cpu: JobCpu, job: Promise<T>): Promise<T> {
  const ended = job.then(() => undefined, () => undefined);
  let finished = false;
  const printer = (async () => {
    while (!finished) {
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 1000).unref()), ended]);
      if (finished) break;
      await cpu.sample();
      const processed = Number((await pool.query(sql, [id])).rows[0]?.processed ?? 0);
      if (processed > 0 && processed < EVENTS) progress(label, processed, EVENTS);
    }
  })();
  try {
    return await job;
  } finally {
    finished = true;
    await printer;
    progress(label, EVENTS, EVENTS);
  }
}

/** CPU seconds of this process and of the bench database's PostgreSQL backends over a job, and the load average. */
class JobCpu {
  private readonly backends = new CpuTracker();
  private constructor(private readonly pool: Pool, private readonly node: NodeJS.CpuUsage, private readonly loadBefore: number) {}

  static async start(pool: Pool): Promise<JobCpu> {
    const cpu = new JobCpu(pool, process.cpuUsage(), loadavg()[0]);
    await cpu.sample();
    return cpu;
  }

  async sample(): Promise<void> {
    const pids = await this.pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
    this.backends.sample(pids.rows.map((row) => row.pid));
  }

  async stop(): Promise<{ nodeCpuSeconds: number; postgresCpuSeconds: number; load: string }> {
    await this.sample();
    const used = process.cpuUsage(this.node);
    return {
      nodeCpuSeconds: round((used.user + used.system) / 1e6),
      postgresCpuSeconds: round(this.backends.seconds),
      load: `${this.loadBefore.toFixed(1)}–${loadavg()[0].toFixed(1)}`,
    };
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const round = (n: number) => Math.round(n * 10) / 10;

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
