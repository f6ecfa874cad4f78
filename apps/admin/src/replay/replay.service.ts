import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import type Redis from 'ioredis';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { Conflict, NotFound } from '@leadscore/http';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createBuildingGeneration, failBuildingGenerations } from '@leadscore/persistence';
import { PG_POOL, REDIS } from '../admin.tokens';
import { ruleActivationChannel } from '../rules/rule-activation.channel';
import { loadCompiledVersion } from './compiled-version';
import { jobMetrics } from './job-metrics';
import { countCommittedEvents, runReplay } from './replay-job';
import { failInterruptedReplays, findReplay, insertReplay, type ReplayStatus } from './replay.repository';

// Big enough that a lead has several events per page (one foldBatch each, which is what is
// fast), small enough to keep a page with its audit rows around 100 MB.
const PAGE_SIZE = 50_000;
// Close enough to the head to fold the rest inside the switch transaction (live waits that long).
const SWITCH_LAG = 2_000;

export interface ReplayView {
  replayId: string;
  rulesVersion: number;
  status: ReplayStatus;
  processed: number;
  total: number;
  eventsPerSecond: number;
  /** Seconds left, while running; null once finished. */
  eta: number | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** Starts replays as background jobs of this process and answers their status from Postgres. */
@Injectable()
export class ReplayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly running = new Set<Promise<unknown>>();
  private readonly log;
  private readonly metrics;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    logger: JsonLogger,
    metrics: Metrics,
  ) {
    this.log = logger.child('replay');
    this.metrics = jobMetrics(metrics);
  }

  /** A replay left running by a killed process fails, and so does the generation it was building. */
  async onApplicationBootstrap(): Promise<void> {
    const replays = await failInterruptedReplays(this.pool);
    const generations = await failBuildingGenerations(this.pool);
    if (replays + generations > 0) this.log.warn('failed interrupted replays', { replays, generations });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.running);
  }

  async start(rulesVersion: number): Promise<{ replayId: string }> {
    const ruleSet = await loadCompiledVersion(this.pool, rulesVersion);
    const id = randomUUID();
    const total = await countCommittedEvents(this.pool);
    const client = await this.pool.connect();
    let generation: number;
    try {
      await client.query('BEGIN');
      generation = await createBuildingGeneration(client, rulesVersion);
      if (!(await insertReplay(client, { id, rulesVersion, generation, total }))) {
        await client.query('ROLLBACK');
        throw new Conflict('rulesVersion', 'a replay is already running');
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    const job = runReplay(
      { pool: this.pool, log: this.log, metrics: this.metrics, pageSize: PAGE_SIZE, switchLag: SWITCH_LAG, maxCatchUpRounds: 20 },
      { id, generation, ruleSet },
    ).then(async (outcome) => {
      // A signal only: workers read the active version inside each transaction anyway.
      if (outcome === 'switched') await this.redis.publish(ruleActivationChannel(this.config.namespace), String(rulesVersion)).catch(() => undefined);
    });
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
    return { replayId: id };
  }

  async status(id: string): Promise<ReplayView> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await findReplay(this.pool, id) : null;
    if (!row) throw new NotFound('replayId', `replay ${id} does not exist`);
    const end = row.finishedAt ?? row.updatedAt;
    const seconds = Math.max(0.001, (end.getTime() - row.startedAt.getTime()) / 1000);
    const eventsPerSecond = Math.round(row.processed / seconds);
    const finished = row.status === 'switched' || row.status === 'failed';
    return {
      replayId: row.id,
      rulesVersion: row.rulesVersion,
      status: row.status,
      processed: row.processed,
      total: row.total,
      eventsPerSecond,
      eta: finished ? null : eventsPerSecond > 0 ? Math.max(0, Math.round((row.total - row.processed) / eventsPerSecond)) : null,
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      error: row.error,
    };
  }
}
