import { type Pool, type PoolClient } from 'pg';
import { readSafeHorizon, streamScoringEventsByLead } from '@leadscore/persistence';
import { type ContextLogger } from '@leadscore/observability';
import { type CompiledRuleSet } from '@leadscore/scoring';
import { type JobMetrics } from '../replay/job-metrics';
import { compareSimulation } from './compare-simulation';
import { SimulatedLeads } from './simulated-leads';
import {
  failSimulation, finishSimulation, insertChangedLeads, readLiveSnapshots, updateSimulationProgress,
} from './simulations.repository';

export interface SimulationJobOptions {
  pool: Pool;
  log: ContextLogger;
  metrics: JobMetrics;
  /** Events folded at a time, out of one stream (see `streamScoringEventsByLead`). */
  pageSize: number;
  /** Progress is written at most this often (in events). */
  progressEvery: number;
}

/**
 * Folds every lead's whole history under `ruleSet` in memory (the store up to a safe horizon, read
 * lead by lead in one COPY stream; only each lead's result is kept), then compares with the live
 * projections and stores the result and the changed leads. Writes nothing else: live state is
 * untouched.
 */
export async function runSimulation(options: SimulationJobOptions, id: string, ruleSet: CompiledRuleSet): Promise<'done' | 'failed'> {
  const { pool, log, metrics } = options;
  const startedAt = performance.now();
  try {
    const horizon = await withClient(pool, (client) => readSafeHorizon(client));
    const total = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM lead_events WHERE seq <= $1`, [horizon])).rows[0].n);
    await updateSimulationProgress(pool, id, 0, total);
    const simulated = new SimulatedLeads(ruleSet);
    let processed = 0;
    let reported = 0;
    // One COPY of what the fold reads, lead by lead, folded batch by batch as it arrives.
    for await (const events of streamScoringEventsByLead(pool, { uptoSeq: horizon, batchEvents: options.pageSize })) {
      simulated.add(events);
      processed += events.length;
      metrics.processed.inc({ job: 'simulation' }, events.length);
      metrics.eventsPerSecond.set({ job: 'simulation' }, processed / ((performance.now() - startedAt) / 1000));
      if (processed - reported >= options.progressEvery) {
        reported = processed;
        await updateSimulationProgress(pool, id, processed);
      }
    }
    const after = simulated.finish();
    const { result, changed } = compareSimulation(await readLiveSnapshots(pool), after, simulated.ruleTotals);
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

async function withClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}
