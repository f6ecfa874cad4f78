import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Pool, type PoolClient } from 'pg';
import {
  activateRuleSet, auditRowsCopy, deleteDeadGenerationRows, failGeneration, foldLeads, newProjectionsCopy, readLeadLastSeqs,
  readSafeHorizon, switchLiveGeneration, takeSwitchLockExclusive, upsertProjections, type FoldedLeads, type ProjectionRow, type StoredEvent,
} from '@leadscore/persistence';
import { type ContextLogger } from '@leadscore/observability';
import { type CompiledRuleSet, type LeadState } from '@leadscore/scoring';
import { forEachPage } from './event-pages';
import { type JobMetrics } from './job-metrics';
import { sliceByLead } from './lead-slices';
import { PageWriters } from './page-writers';
import { failReplay, updateReplayProgress } from './replay.repository';

/** Projection rows per upsert statement, for leads that have a row from an earlier pass. */
const PROJECTION_CHUNK = 5_000;
/** Events folded between two turns of the event loop (tens of ms), so the COPY streams keep flowing. */
const SLICE_EVENTS = 5_000;

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
 * and written in one transaction with the replay's progress (see PageWriters). A lead's projection
 * is written once per pass, when the pass has folded its last event: nobody reads a building
 * generation, and a ~1 KB state is not rewritten on every page the lead appears in.
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
  /** The latest projection row of every lead folded in this pass and not written yet. */
  private readonly unwritten = new Map<string, ProjectionRow>();
  /** Leads with a projection row in the generation already (written by an earlier page or pass). */
  private readonly written = new Set<string>();
  private cursor = '0';
  private processed = 0;
  private readonly startedAt = performance.now();

  constructor(private readonly options: ReplayJobOptions, private readonly spec: ReplayJobSpec) {}

  async execute(): Promise<void> {
    const { pool, log } = this.options;
    await deleteDeadGenerationRows(pool);
    const horizon = await this.horizon();
    const { lastSeqs, total } = await readLeadLastSeqs(pool, horizon);
    await updateReplayProgress(pool, this.spec.id, { processed: 0, total });
    log.info('replay started', { replayId: this.spec.id, generation: this.spec.generation, ruleVersion: this.spec.ruleSet.version, total });
    await this.foldUpTo(horizon, lastSeqs);
    await updateReplayProgress(pool, this.spec.id, { processed: this.processed, status: 'catching_up' });
    for (let round = 0; round < this.options.maxCatchUpRounds; round++) {
      const head = await this.horizon();
      if (Number(head) - Number(this.cursor) <= this.options.switchLag) break;
      await this.foldUpTo(head, null);
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
   * Folds (cursor, upto] page by page: the next page is read while this one is folded, slice by
   * slice, its audit rows streaming into PostgreSQL as they come; the page's commit runs on while
   * the next page is folded. `lastSeqs` (each lead's last seq up to `upto`) lets a lead's
   * projection go out with the page that holds its last event; without it, all go at the end.
   */
  private async foldUpTo(upto: string, lastSeqs: Map<string, string> | null): Promise<void> {
    const { pool, pageSize } = this.options;
    const writers = await PageWriters.connect(pool, { replayId: this.spec.id, generation: this.spec.generation });
    try {
      this.cursor = await forEachPage(pool, { afterSeq: this.cursor, uptoSeq: upto, pageSize }, async (events) => {
        // The page that reaches `upto` holds most leads' last event when events are spread evenly:
        // those projections go out at the end of the pass, on two connections at once.
        const finals = events[events.length - 1].seq === upto ? null : lastSeqs;
        const page = await writers.begin();
        for (const slice of sliceByLead(events, SLICE_EVENTS)) {
          const folded = this.fold(slice);
          page.writeAudit(folded.audit);
          if (finals) page.addFinalProjections(this.takeFinal(folded.projections, finals));
          await nextTurn();
        }
        this.count(events.length);
        writers.finish(this.processed);
      });
      await writers.drain();
    } finally {
      await writers.release();
    }
    const rows = this.takeUnwritten();
    const halves = [rows.filter((_, i) => i % 2 === 0), rows.filter((_, i) => i % 2 === 1)];
    await Promise.all(halves.map((half) => this.inNewTransaction((client) => this.writeProjections(client, half))));
  }

  private fold(events: StoredEvent[]): FoldedLeads {
    const folded = foldLeads(events, this.states, this.spec.ruleSet, 'rebuild');
    for (const row of folded.projections) {
      this.states.set(row.leadId, row.state as LeadState);
      this.unwritten.set(row.leadId, row);
    }
    return folded;
  }

  private count(events: number): void {
    this.processed += events;
    this.options.metrics.processed.inc({ job: 'replay' }, events);
    this.options.metrics.eventsPerSecond.set({ job: 'replay' }, this.processed / ((performance.now() - this.startedAt) / 1000));
  }

  /** The rows of leads whose last event of the pass this was, taken out of `unwritten`. */
  private takeFinal(rows: ProjectionRow[], lastSeqs: Map<string, string>): ProjectionRow[] {
    const final = rows.filter((row) => lastSeqs.get(row.leadId) === row.lastSeq && !this.written.has(row.leadId));
    for (const row of final) {
      this.unwritten.delete(row.leadId);
      this.written.add(row.leadId);
    }
    return final;
  }

  private takeUnwritten(): ProjectionRow[] {
    const rows = [...this.unwritten.values()];
    this.unwritten.clear();
    return rows;
  }

  /** A lead's first row in the generation goes by COPY; a lead that has one is updated with the live upsert. */
  private async writeProjections(client: PoolClient, rows: ProjectionRow[]): Promise<void> {
    const fresh = rows.filter((row) => !this.written.has(row.leadId));
    const again = rows.filter((row) => this.written.has(row.leadId));
    await newProjectionsCopy.copy(client, this.spec.generation, fresh);
    for (let i = 0; i < again.length; i += PROJECTION_CHUNK) await upsertProjections(client, this.spec.generation, again.slice(i, i + PROJECTION_CHUNK));
    for (const row of fresh) this.written.add(row.leadId);
  }

  private async inNewTransaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
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
        await auditRowsCopy.copy(client, this.spec.generation, this.fold(events).audit);
        this.count(events.length);
      });
      await this.writeProjections(client, this.takeUnwritten());
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
