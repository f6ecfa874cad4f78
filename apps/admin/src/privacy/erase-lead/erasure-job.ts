import { type Pool } from 'pg';
import { type KafkaClient } from '@leadscore/kafka';
import { type JsonLogger } from '@leadscore/observability';
import { findErasure, markDone, markDraining, sweepLeads, type ErasureRow, type SweepCounts } from '@leadscore/persistence';
import { consumersPassed, readWatermarks, type DrainedTopic } from './consumer-drain';

export interface ErasureJobDeps {
  pool: Pool;
  kafka: KafkaClient;
  log: ReturnType<JsonLogger['child']>;
  /** lead-events (scoring group) and lead-scores (handoff group). */
  drained: DrainedTopic[];
  pollMs: number;
  stopped: () => boolean;
  onSwept: (deleted: SweepCounts) => void;
}

/**
 * Runs (or resumes) one erasure to `done`, each phase persisted before the next:
 * 1. sweep: every row of the ids goes in one transaction (sweep-leads), then the end offsets of
 *    lead-events and lead-scores are recorded: what was in flight at that moment;
 * 2. drain: wait until the scoring and handoff consumers have committed past those offsets, so an
 *    event or promotion of the lead that was in flight has been stored (or dropped) by now;
 * 3. sweep again (what the in-flight messages stored goes too), then `done`.
 * Every step is idempotent, so a kill -9 anywhere only repeats a step.
 */
export async function runErasure(deps: ErasureJobDeps, erasureId: string): Promise<'done' | 'stopped'> {
  let erasure = await findErasure(deps.pool, erasureId);
  while (erasure && erasure.phase !== 'done') {
    if (deps.stopped()) return 'stopped';
    erasure = await step(deps, erasure);
  }
  return deps.stopped() ? 'stopped' : 'done';
}

async function step(deps: ErasureJobDeps, erasure: ErasureRow): Promise<ErasureRow | null> {
  if (erasure.phase === 'sweep') {
    const deleted = await sweepWhenFree(deps, erasure.leadIds);
    if (deleted === null) return null;
    await markDraining(deps.pool, erasure.id, deleted, await readWatermarks(deps.kafka, deps.drained));
  } else if (erasure.phase === 'drain') {
    while (!(await consumersPassed(deps.kafka, deps.drained, erasure.watermarks ?? {}))) {
      if (deps.stopped()) return null;
      await sleep(deps.pollMs);
    }
    const deleted = await sweepWhenFree(deps, erasure.leadIds);
    if (deleted === null) return null;
    await markDone(deps.pool, erasure.id, deleted);
    deps.log.info('erasure done', { erasureId: erasure.id, leads: erasure.leadIds.length });
  }
  return findErasure(deps.pool, erasure.id);
}

/** One sweep, waiting while a replay or simulation runs; null when the process stops first. */
async function sweepWhenFree(deps: ErasureJobDeps, leadIds: string[]): Promise<SweepCounts | null> {
  for (;;) {
    const outcome = await sweepLeads(deps.pool, leadIds);
    if (outcome.kind === 'swept') {
      deps.onSwept(outcome.deleted);
      return outcome.deleted;
    }
    if (deps.stopped()) return null;
    await sleep(deps.pollMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
