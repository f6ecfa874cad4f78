import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type Kafka, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { groupId, topicName } from '@leadscore/contracts';
import { AppProcess, repoRoot } from '../test/support/app-process';
import { freePort } from '../test/support/free-port';
import { freshDatabase } from '../test/support/test-database';
import { waitForHttpOk } from '../test/support/wait-for';
import { seeded } from './seeded';

/**
 * What the latency and soak benches share: one namespace (its own topics and database), the events
 * they produce, a scoring worker started on them, and a producer that sends at a steady rate.
 */
export const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const BASE_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const PARTITIONS = 6;
const TOPIC_KEYS = ['leadEvents', 'leadScores', 'leadHandoffs', 'leadEventsDlq'] as const;
const TYPES = ['email_open', 'email_click', 'page_visit', 'page_visit', 'page_visit', 'whitepaper_download', 'video_view', 'form_submit'];
const URLS = ['/pricing', '/blog/lead-scoring', '/demo', '/careers', '/product'];

export interface BenchEvent {
  eventId: string;
  key: string;
  value: string;
}

/** Event j of a run, the same every run (seeded by j): a type, a URL on page visits, one of `leads` leads. */
export function benchEvent(prefix: string, j: number, leads: number): BenchEvent {
  const random = seeded(j + 1);
  const type = TYPES[Math.floor(random() * TYPES.length)];
  const leadId = `lead-${Math.floor(random() * leads)}`;
  const properties = type === 'page_visit' ? { url: URLS[Math.floor(random() * URLS.length)] } : {};
  const eventId = `${prefix}-${j}`;
  const at = new Date().toISOString();
  return { eventId, key: leadId, value: JSON.stringify({ v: 1, eventId, leadId, type, occurredAt: at, receivedAt: at, source: 'bench', properties, traits: null, sourceKeyId: null }) };
}

/** A namespace of its own: its topics (PARTITIONS each) and a fresh database. */
export class BenchNamespace {
  readonly namespace: string;
  readonly eventsTopic: string;
  readonly scoresTopic: string;
  readonly scoringGroup: string;
  databaseUrl = '';
  private pool: Pool | null = null;

  constructor(private readonly kafka: Kafka, readonly label: string) {
    this.namespace = `bench-${label}-${Date.now().toString(36)}`;
    this.eventsTopic = topicName(this.namespace, 'leadEvents');
    this.scoresTopic = topicName(this.namespace, 'leadScores');
    this.scoringGroup = groupId(this.namespace, 'leadscore-scoring');
  }

  async create(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: TOPIC_KEYS.map((key) => ({ topic: topicName(this.namespace, key), numPartitions: PARTITIONS })) });
    } finally {
      await admin.disconnect();
    }
    this.databaseUrl = await freshDatabase(BASE_DB, `leadscore_bench_${this.label.replace(/-/g, '_')}`);
  }

  /** A scoring worker on this namespace (the built app), not started. */
  worker(port: number): AppProcess {
    return new AppProcess('scoring', {
      KAFKA_BROKERS: BROKERS, DATABASE_URL: this.databaseUrl, REDIS_URL: REDIS, LEADSCORE_NAMESPACE: this.namespace,
      KAFKA_PARTITIONS: String(PARTITIONS), SCORING_HTTP_PORT: String(port), LOG_LEVEL: 'warn',
      // As the worker is launched in production (scripts/node-args.sh: its heap cap, SCORING_HEAP_MB); BENCH_WORKER_NODE_OPTIONS overrides.
      NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS ?? execFileSync('sh', [join(repoRoot(), 'scripts', 'node-args.sh'), 'scoring'], { encoding: 'utf8' }).trim(),
      // glibc's malloc arenas, as start-all.sh and the image set them (docs/soak.md).
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    });
  }

  /** Starts a worker and waits until it is ready (its consumer has joined the group). */
  async startWorker(): Promise<{ worker: AppProcess; port: number }> {
    const port = await freePort();
    const worker = this.worker(port);
    worker.start();
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`, 90000);
    return { worker, port };
  }

  async storedEvents(): Promise<number> {
    this.pool ??= new Pool({ connectionString: this.databaseUrl, max: 1 });
    return Number((await this.pool.query('SELECT count(*) AS n FROM lead_events')).rows[0].n);
  }

  /** Batches the worker on `port` committed, their mean size and mean duration (its /metrics). */
  static async batchStats(port: number): Promise<{ batches: number; meanEvents: number; meanMs: number }> {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^leadscore_scoring_${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
    const batches = value('batch_size_count');
    return { batches, meanEvents: Math.round(value('batch_size_sum') / batches), meanMs: Math.round((value('batch_duration_seconds_sum') * 1000) / batches) };
  }

  /**
   * Where the worker's batches spent their time (its `leadscore_consumer_batch_phase_seconds`): per
   * phase the batches that had it, the mean, and the bucket bound under which 99 % of them fell.
   */
  static async batchPhases(port: number, metric = 'consumer_batch_phase_seconds', label = 'phase'): Promise<Record<string, { batches: number; meanMs: number; p99UnderMs: number | null; sumMs: number }>> {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const phases: Record<string, { batches: number; meanMs: number; p99UnderMs: number | null; sumMs: number }> = {};
    const buckets = new Map<string, Array<[number, number]>>();
    const sums = new Map<string, number>();
    for (const match of text.matchAll(new RegExp(`^leadscore_${metric}_(bucket|sum|count)\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
      const phase = new RegExp(`${label}="([^"]*)"`).exec(match[2])?.[1] ?? '?';
      const value = Number(match[3]);
      if (match[1] === 'bucket') {
        const le = /le="([^"]*)"/.exec(match[2])?.[1] ?? '+Inf';
        buckets.set(phase, [...(buckets.get(phase) ?? []), [le === '+Inf' ? Infinity : Number(le), value]]);
      } else if (match[1] === 'sum') sums.set(phase, value);
      else phases[phase] = { batches: value, meanMs: 0, p99UnderMs: null, sumMs: 0 };
    }
    for (const [phase, entry] of Object.entries(phases)) {
      entry.sumMs = Math.round((sums.get(phase) ?? 0) * 1000);
      entry.meanMs = Math.round(((sums.get(phase) ?? 0) * 1000 * 10) / Math.max(1, entry.batches)) / 10;
      const bound = (buckets.get(phase) ?? []).find(([, count]) => count >= 0.99 * entry.batches)?.[0];
      entry.p99UnderMs = bound === undefined || bound === Infinity ? null : bound * 1000;
    }
    return phases;
  }

  /** Deletes the topics and the database: a soak leaves millions of rows behind otherwise. */
  async drop(): Promise<void> {
    await this.pool?.end();
    this.pool = null;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: TOPIC_KEYS.map((key) => topicName(this.namespace, key)) });
    } finally {
      await admin.disconnect();
    }
    const pool = new Pool({ connectionString: BASE_DB });
    try {
      await pool.query(`DROP DATABASE IF EXISTS "${new URL(this.databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    } finally {
      await pool.end();
    }
  }
}

export interface SteadyRun {
  sent: number;
  seconds: number;
  /** The most sends that were waiting for Kafka at once: more than a few means the producer, not the worker, fell behind. */
  maxInFlight: number;
}

/**
 * Sends `rate` events a second for `seconds`, every 10 ms the events due by then (event j is due
 * at j / rate), without waiting for the previous send: a slow acknowledgement does not slow the
 * pace. `sending` is told each event's id and the time it was handed to the producer.
 */
export async function produceSteadily(options: {
  producer: Producer; topic: string; rate: number; seconds: number; event: (j: number) => BenchEvent;
  sending?: (eventId: string, at: number) => void; stop?: () => boolean;
}): Promise<SteadyRun> {
  const { producer, topic, rate, seconds, event, sending } = options;
  const total = Math.round(rate * seconds);
  const inFlight = new Set<Promise<unknown>>();
  let maxInFlight = 0;
  let sent = 0;
  const failed: { error?: Error } = {};
  const started = performance.now();
  while (sent < total && !(options.stop?.() ?? false)) {
    if (failed.error) throw failed.error;
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    if (due > sent) {
      const now = performance.now();
      const batch = Array.from({ length: due - sent }, (_, i) => event(sent + i));
      batch.forEach((message) => sending?.(message.eventId, now));
      const send = producer.send({ topic, acks: -1, messages: batch.map(({ key, value }) => ({ key, value })) });
      inFlight.add(send);
      send.then(() => inFlight.delete(send), (error: unknown) => {
        failed.error ??= error instanceof Error ? error : new Error(String(error));
        inFlight.delete(send);
      });
      maxInFlight = Math.max(maxInFlight, inFlight.size);
      sent = due;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(inFlight);
  return { sent, seconds: (performance.now() - started) / 1000, maxInFlight };
}
