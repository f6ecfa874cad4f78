import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Pool, type PoolClient } from 'pg';
import {
  activateRuleSet, auditRowsCopy, countEventsUpTo, deleteDeadGenerationRows, failGeneration, loadLeadStates, newProjectionsCopy,
  readSafeHorizon, switchLiveGeneration, takeSwitchLockExclusive, upsertProjections, withTransaction, type ProjectionRow, type StoredEvent,
} from '@leadscore/persistence';
import { foldLeads, type FoldedLeads } from '@leadscore/projection';
import { type ContextLogger } from '@leadscore/observability';
import { type CompiledRuleSet, type LeadState } from '@leadscore/scoring';
import { forEachPage } from './event-pages';
import { foldLeadByLead } from './lead-by-lead-pass';
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
   * Events read, folded and written per transaction. The main pass reads lead by lead, so a lead's
   * history goes through one `foldBatch` call (two when it runs on into the next page).
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
  /**
   * Where the main pass stops and how many events lie below it; when absent the job takes its
   * horizon itself (waiting for in-flight live batches) and stores the exact total.
   */
  start?: ReplayStart;
}

export interface ReplayStart {
  horizon: string;
  total: number;
}

/**
 * Events committed in the store now, read without the switch lock (so a POST never waits for a
 * live batch): the replay's `total` from its first poll. The job's safe horizon may hold a few more
 * (batches in flight), and it stores that exact figure once it has taken it.
 */
export async function countCommittedEvents(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    const head = await client.query<{ seq: string }>(`SELECT coalesce(max(seq), 0)::text AS seq FROM lead_events`);
    return await countEventsUpTo(client, head.rows[0].seq);
  } finally {
    client.release();
  }
}

/** The replay's first safe horizon and the events under it. */
export async function readReplayStart(pool: Pool): Promise<ReplayStart> {
  const client = await pool.connect();
  try {
    const horizon = await readSafeHorizon(client);
    return { horizon, total: await countEventsUpTo(client, horizon) };
  } finally {
    client.release();
  }
}

/**
 * Rebuilds generation `spec.generation` from the event store under `spec.ruleSet` and switches it
 * live. The main pass, up to the first horizon, reads lead by lead (lead-by-lead-pass.ts): each
 * lead's whole history is folded at once with the same `foldLeads` as live scoring, its audit rows
 * and its projection written in the page's transaction with the replay's progress (see
 * PageWriters), and its state dropped. The catch-up rounds and the switch read by seq; they load
 * the state of a lead they meet from the generation's row, as live scoring does, and keep it.
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
  /** Every lead the catch-up has met since the main pass (loaded from the generation, or new). */
  private readonly states = new Map<string, LeadState>();
  /** The latest projection row of every lead folded in this catch-up pass and not written yet. */
  private readonly unwritten = new Map<string, ProjectionRow>();
  /** Leads met in the catch-up that have a projection row in the generation (main pass, or an earlier round). */
  private readonly written = new Set<string>();
  private cursor = '0';
  private processed = 0;
  private readonly startedAt = performance.now();

  constructor(private readonly options: ReplayJobOptions, private readonly spec: ReplayJobSpec) {}

  async execute(): Promise<void> {
    const { pool, log } = this.options;
    await deleteDeadGenerationRows(pool);
    const { horizon, total } = this.spec.start ?? (await readReplayStart(pool));
    if (this.spec.start === undefined) await updateReplayProgress(pool, this.spec.id, { processed: 0, total });
    log.info('replay started', { replayId: this.spec.id, generation: this.spec.generation, ruleVersion: this.spec.ruleSet.version, total });
    await foldLeadByLead({
      pool, target: { replayId: this.spec.id, generation: this.spec.generation }, ruleSet: this.spec.ruleSet, uptoSeq: horizon,
      pageSize: this.options.pageSize, sliceEvents: SLICE_EVENTS, count: (events) => this.count(events),
    });
    this.cursor = horizon;
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
   * A catch-up pass, (cursor, upto] in seq order: audit rows per page as in the main pass, every
   * projection at the end of the pass (a catch-up is small), on two connections at once.
   */
  private async foldUpTo(upto: string): Promise<void> {
    const { pool, pageSize } = this.options;
    const writers = await PageWriters.connect(pool, { replayId: this.spec.id, generation: this.spec.generation });
    try {
      this.cursor = await forEachPage(pool, { afterSeq: this.cursor, uptoSeq: upto, pageSize }, async (events) => {
        await this.loadStates(events);
        const page = await writers.begin();
        for (const slice of sliceByLead(events, SLICE_EVENTS)) {
          page.writeAudit(this.fold(slice).audit);
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
    await Promise.all(halves.map((half) => withTransaction(this.options.pool, (client) => this.writeProjections(client, half))));
  }

  /**
   * The states of the leads of these events not met since the main pass, from their rows in the
   * generation, as live scoring loads them; a lead without a row starts from the initial state.
   */
  private async loadStates(events: StoredEvent[], client?: PoolClient): Promise<void> {
    const missing = [...new Set(events.map((event) => event.leadId))].filter((leadId) => !this.states.has(leadId));
    if (missing.length === 0) return;
    const db = client ?? await this.options.pool.connect();
    let loaded: Map<string, LeadState>;
    try {
      loaded = await loadLeadStates<LeadState>(db, this.spec.generation, missing);
    } finally {
      if (!client) db.release();
    }
    for (const [leadId, state] of loaded) {
      this.states.set(leadId, state);
      this.written.add(leadId);
    }
  }

  /** Folds a catch-up slice onto the states in memory; they stay there, their rows wait for the end of the pass. */
  private fold(events: StoredEvent[]): FoldedLeads {
    const folded = foldLeads(events, this.states, this.spec.ruleSet, 'rebuild');
    for (const row of folded.projections) {
      this.states.set(row.leadId, row.state as LeadState);
      this.unwritten.set(row.leadId, row);
    }
    return folded;
  }

  /** Returns the progress so far. */
  private count(events: number): number {
    this.processed += events;
    this.options.metrics.processed.inc({ job: 'replay' }, events);
    this.options.metrics.eventsPerSecond.set({ job: 'replay' }, this.processed / ((performance.now() - this.startedAt) / 1000));
    return this.processed;
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

  /**
   * One transaction under the exclusive switch lock: no live batch is in flight or can start, so
   * the events after the cursor are all there is; fold them, retire the live generation, make
   * ours live, activate the version. Live batches waiting on the lock then score into ours.
   */
  private async switchOver(): Promise<void> {
    await withTransaction(this.options.pool, async (client) => {
      await takeSwitchLockExclusive(client);
      this.cursor = await forEachPage(client, { afterSeq: this.cursor, uptoSeq: null, pageSize: this.options.pageSize }, async (events) => {
        await this.loadStates(events, client);
        await auditRowsCopy.copy(client, this.spec.generation, this.fold(events).audit);
        this.count(events.length);
      });
      await this.writeProjections(client, this.takeUnwritten());
      await switchLiveGeneration(client, this.spec.generation);
      await activateRuleSet(client, this.spec.ruleSet.version);
      await updateReplayProgress(client, this.spec.id, { processed: this.processed, status: 'switched' });
    });
  }
}
