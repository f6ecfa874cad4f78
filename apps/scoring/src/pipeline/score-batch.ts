import { type Pool } from 'pg';
import { type LeadScoreChangedMessage } from '@leadscore/contracts';
import { appendEvents, foldLeads, insertAuditRows, liveGeneration, loadLeadStates, upsertProjections, type NewEvent } from '@leadscore/persistence';
import { type CompiledRuleSet, type LeadState } from '@leadscore/scoring';
import { dedupeEvents } from './dedupe-events.step';

export interface BatchOutcome {
  stored: number;
  duplicates: number;
  changes: number;
}

export interface ScoreBatchDeps {
  pool: Pool;
  ruleSet: () => CompiledRuleSet;
  /** Publishes score changes; runs inside the transaction, before COMMIT (see README: at-least-once). */
  publish: (changes: LeadScoreChangedMessage[]) => Promise<void>;
}

/**
 * One transaction per batch: append the new events (duplicates skipped by eventId), lock and load
 * their leads' states, fold, upsert projections and audit rows, publish the changes, commit.
 * Publishing before COMMIT means a crash can only repeat a publication (the handoff service
 * dedupes), never lose one; the caller commits Kafka offsets only after this resolves.
 */
export async function scoreBatch(deps: ScoreBatchDeps, events: NewEvent[]): Promise<BatchOutcome> {
  const unique = dedupeEvents(events);
  const client = await deps.pool.connect();
  try {
    await client.query('BEGIN');
    const stored = await appendEvents(client, unique);
    let changes = 0;
    if (stored.length > 0) {
      const generation = await liveGeneration(client);
      const leadIds = [...new Set(stored.map((event) => event.leadId))];
      const states = await loadLeadStates<LeadState>(client, generation, leadIds);
      const folded = foldLeads(stored, states, deps.ruleSet());
      await upsertProjections(client, generation, folded.projections);
      await insertAuditRows(client, generation, folded.audit);
      await deps.publish(folded.changes);
      changes = folded.changes.length;
    }
    await client.query('COMMIT');
    return { stored: stored.length, duplicates: events.length - stored.length, changes };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
