import { type Pool, type PoolClient } from 'pg';
import {
  activateRuleSet, deleteDeadGenerationRows, failGeneration, foldLeads, insertAuditRows, readSafeHorizon, switchLiveGeneration,
  takeSwitchLockExclusive, upsertProjections, type AuditRow, type ProjectionRow, type StoredEvent,
} from '@leadscore/persistence';
import { type ContextLogger } from '@leadscore/observability';
import { type CompiledRuleSet, type LeadState } from '@leadscore/scoring';
import { forEachPage, settle, type Settled } from './event-pages';
import { type JobMetrics } from './job-metrics';
import { failReplay, updateReplayProgress } from './replay.repository';

/** Projection rows per statement when a pass flushes its leads; audit rows per statement. */
const PROJECTION_CHUNK = 5_000;
const AUDIT_CHUNK = 10_000;

export interface ReplayJobOptions {
  pool: Pool;
  log: ContextLogger;
  metrics: JobMetrics;
  /**
   * Events read, folded and written per transaction. Large on purpose: each lead's events of a
   * page go through one `foldBatch` call, whose fixed cost per call dominates at ~1 event a lead.
   */
  pageSize: number;
  /** Switch once the store is at most this many seqs ahead of the replay. */
  switchLag: number;
  /** Catch-up rounds before switching anyway (the switch folds whatever is left under the lock). */
  maxCatchUpRounds: number;
}

export interface ReplayJobSpec {
  id: string;
  generation: number;
  ruleSet: CompiledRuleSet;
}

/**
 * Rebuilds generation `spec.generation` from the event store under `spec.ruleSet` and switches it
 * live. Lead states stay in memory; each page is folded with the same `foldLeads` as live scoring
 * and its audit rows written in one transaction with the replay's progress. Projections are
 * written once per lead at the end of each pass (the last row wins anyway, and nobody reads a
 * building generation), which saves rewriting a lead's ~1 KB state on every page it appears in.
 * See README.md for the switch.
 */
export async function runReplay(options: ReplayJobOptions, spec: ReplayJobSpec): Promise<'switched' | 'failed'> {
  const run = new ReplayRun(options, spec);
  try {
    await run.execute();
    options.metrics.finished.inc({ job: 'replay', outcome: 'switched' });
    return 'switched';
  } catch (error) {
    options.log.error('replay failed', { replayId: spec.id, error });
    await failReplay(options.pool, spec.id, String(error)).catch(() => undefined);
    await failGeneration(options.pool, spec.generation).catch(() => undefined);
    options.metrics.finished.inc({ job: 'replay', outcome: 'failed' });
    return 'failed';
  } finally {
    options.metrics.eventsPerSecond.set({ job: 'replay' }, 0);
  }
}

class ReplayRun {
  private readonly states = new Map<string, LeadState>();
  /** The latest projection row of every lead folded since the last flush. */
  private readonly unwritten = new Map<string, ProjectionRow>();
  private cursor = '0';
  private processed = 0;
  private readonly startedAt = performance.now();

  constructor(private readonly options: ReplayJobOptions, private readonly spec: ReplayJobSpec) {}

  async execute(): Promise<void> {
    const { pool, log } = this.options;
    await deleteDeadGenerationRows(pool);
    const horizon = await this.horizon();
    const total = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM lead_events WHERE seq <= $1`, [horizon])).rows[0].n);
    await updateReplayProgress(pool, this.spec.id, { processed: 0, total });
    log.info('replay started', { replayId: this.spec.id, generation: this.spec.generation, ruleVersion: this.spec.ruleSet.version, total });
    await this.foldUpTo(horizon);
    await updateReplayProgress(pool, this.spec.id, { processed: this.processed, status: 'catching_up' });
    for (let round = 0; round < this.options.maxCatchUpRounds; round++) {
      const head = await this.horizon();
      if (Number(head) - Number(this.cursor) <= this.options.switchLag) break;
      await this.foldUpTo(head);
    }
    await this.switchOver();
    log.info('replay switched', { replayId: this.spec.id, generation: this.spec.generation, processed: this.processed });
  }

  /** The highest seq below which every append has committed (see `readSafeHorizon`). */
  private async horizon(): Promise<string> {
    const client = await this.options.pool.connect();
    try {
      return await readSafeHorizon(client);
    } finally {
      client.release();
    }
  }

  /**
   * Folds (cursor, upto] page by page: page k+1 is read and folded while page k is written, one
   * write in flight at a time on its own connection.
   */
  private async foldUpTo(upto: string): Promise<void> {
    const writer = await this.options.pool.connect();
    let pending: Promise<Settled<void>> = Promise.resolve({ ok: true, value: undefined });
    try {
      this.cursor = await forEachPage(this.options.pool, { afterSeq: this.cursor, uptoSeq: upto, pageSize: this.options.pageSize }, async (events) => {
        const folded = this.fold(events);
        const previous = await pending;
        if (!previous.ok) throw previous.error;
        const processed = this.processed;
        pending = settle(this.inTransaction(writer, () => this.writeAudit(writer, folded, processed)));
      });
      const last = await pending;
      if (!last.ok) throw last.error;
      const rows = this.takeUnwritten();
      for (let i = 0; i < rows.length; i += PROJECTION_CHUNK) {
        await this.inTransaction(writer, () => upsertProjections(writer, this.spec.generation, rows.slice(i, i + PROJECTION_CHUNK)));
      }
    } finally {
      await pending;
      writer.release();
    }
  }

  private fold(events: StoredEvent[]): AuditRow[] {
    const folded = foldLeads(events, this.states, this.spec.ruleSet);
    for (const row of folded.projections) {
      this.states.set(row.leadId, row.state as LeadState);
      this.unwritten.set(row.leadId, row);
    }
    this.processed += events.length;
    this.options.metrics.processed.inc({ job: 'replay' }, events.length);
    this.options.metrics.eventsPerSecond.set({ job: 'replay' }, this.processed / ((performance.now() - this.startedAt) / 1000));
    return folded.audit;
  }

  private takeUnwritten(): ProjectionRow[] {
    const rows = [...this.unwritten.values()];
    this.unwritten.clear();
    return rows;
  }

  private async inTransaction(client: PoolClient, work: () => Promise<void>): Promise<void> {
    await client.query('BEGIN');
    try {
      await work();
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async writeAudit(client: PoolClient, audit: AuditRow[], processed: number): Promise<void> {
    for (let i = 0; i < audit.length; i += AUDIT_CHUNK) await insertAuditRows(client, this.spec.generation, audit.slice(i, i + AUDIT_CHUNK));
    await updateReplayProgress(client, this.spec.id, { processed });
  }

  /**
   * One transaction under the exclusive switch lock: no live batch is in flight or can start, so
   * the events after the cursor are all there is; fold them, retire the live generation, make
   * ours live, activate the version. Live batches waiting on the lock then score into ours.
   */
  private async switchOver(): Promise<void> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      await takeSwitchLockExclusive(client);
      this.cursor = await forEachPage(client, { afterSeq: this.cursor, uptoSeq: null, pageSize: this.options.pageSize }, async (events) => {
        await this.writeAudit(client, this.fold(events), this.processed);
      });
      const rows = this.takeUnwritten();
      for (let i = 0; i < rows.length; i += PROJECTION_CHUNK) await upsertProjections(client, this.spec.generation, rows.slice(i, i + PROJECTION_CHUNK));
      await switchLiveGeneration(client, this.spec.generation);
      await activateRuleSet(client, this.spec.ruleSet.version);
      await updateReplayProgress(client, this.spec.id, { processed: this.processed, status: 'switched' });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
