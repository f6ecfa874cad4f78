import { type Pool, type PoolClient } from 'pg';
import { readSafeHorizon, type StoredEvent } from '@leadscore/persistence';
import { toScoringEvent } from '@leadscore/projection';
import { type ContextLogger } from '@leadscore/observability';
import { type LeadSnapshot } from '@leadscore/contracts';
import { foldBatch, initialLeadState, type CompiledRuleSet, type LeadState } from '@leadscore/scoring';
import { forEachPage } from '../replay/event-pages';
import { type JobMetrics } from '../replay/job-metrics';
import { compareSimulation } from './compare-simulation';
import {
  failSimulation, finishSimulation, insertChangedLeads, readLiveSnapshots, updateSimulationProgress,
} from './simulations.repository';

export interface SimulationJobOptions {
  pool: Pool;
  log: ContextLogger;
  metrics: JobMetrics;
  pageSize: number;
  /** Progress is written at most this often (in events). */
  progressEvery: number;
}

/**
 * Folds every lead's whole history under `ruleSet` in memory (the store in seq order, as a replay
 * reads it), then compares with the live projections and stores the result and the changed
 * leads. Writes nothing else: live state is untouched.
 */
export async function runSimulation(options: SimulationJobOptions, id: string, ruleSet: CompiledRuleSet): Promise<'done' | 'failed'> {
  const { pool, log, metrics } = options;
  const startedAt = performance.now();
  try {
    const horizon = await withClient(pool, (client) => readSafeHorizon(client));
    const total = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM lead_events WHERE seq <= $1`, [horizon])).rows[0].n);
    await updateSimulationProgress(pool, id, 0, total);
    const states = new Map<string, LeadState>();
    const ruleTotals: Record<string, number> = {};
    let processed = 0;
    let reported = 0;
    await forEachPage(pool, { afterSeq: '0', uptoSeq: horizon, pageSize: options.pageSize }, async (events) => {
      foldPage(events, states, ruleSet, ruleTotals);
      processed += events.length;
      metrics.processed.inc({ job: 'simulation' }, events.length);
      metrics.eventsPerSecond.set({ job: 'simulation' }, processed / ((performance.now() - startedAt) / 1000));
      if (processed - reported >= options.progressEvery) {
        reported = processed;
        await updateSimulationProgress(pool, id, processed);
      }
    });
    const after = new Map<string, LeadSnapshot>();
    for (const [leadId, state] of states) after.set(leadId, { score: state.score, stage: state.stage });
    const { result, changed } = compareSimulation(await readLiveSnapshots(pool), after, ruleTotals);
    for (let i = 0; i < changed.length; i += 5000) await insertChangedLeads(pool, id, changed.slice(i, i + 5000));
    await finishSimulation(pool, id, processed, result);
    metrics.finished.inc({ job: 'simulation', outcome: 'done' });
    log.info('simulation done', { simulationId: id, ruleVersion: ruleSet.version, processed, changedLeads: result.changedLeads });
    return 'done';
  } catch (error) {
    log.error('simulation failed', { simulationId: id, error });
    await failSimulation(pool, id, String(error)).catch(() => undefined);
    metrics.finished.inc({ job: 'simulation', outcome: 'failed' });
    return 'failed';
  } finally {
    metrics.eventsPerSecond.set({ job: 'simulation' }, 0);
  }
}

/** Folds one page lead by lead (seq order within each lead) and adds up the points per rule. */
function foldPage(events: StoredEvent[], states: Map<string, LeadState>, ruleSet: CompiledRuleSet, ruleTotals: Record<string, number>): void {
  const byLead = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const list = byLead.get(event.leadId);
    if (list) list.push(event);
    else byLead.set(event.leadId, [event]);
  }
  for (const [leadId, leadEvents] of byLead) {
    const { state, results } = foldBatch(states.get(leadId) ?? initialLeadState(leadId), leadEvents.map(toScoringEvent), ruleSet);
    states.set(leadId, state);
    for (const result of results) {
      for (const reason of result.reasons) ruleTotals[reason.ruleId] = (ruleTotals[reason.ruleId] ?? 0) + reason.points;
    }
  }
}

async function withClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}
