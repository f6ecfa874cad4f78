import { type Pool, type PoolClient } from 'pg';
import { type LeadEventMessage, type LeadScoreChangedMessage } from '@leadscore/contracts';
import {
  appendEvents, insertAuditRows, insertIdentityForwardings, liveGenerationAndVersion, loadLeadStates, takeSwitchLockShared, upsertProjections, type NewEvent,
} from '@leadscore/persistence';
import { foldLeads } from '@leadscore/projection';
import { type CompiledRuleSet, type LeadState } from '@leadscore/scoring';
import { identityPlan } from '../identity/identity-step';
import { compiledRuleSetFor } from '../rules/active-rule-set';
import { dedupeEvents } from './dedupe-events.step';

export interface BatchOutcome {
  stored: number;
  duplicates: number;
  changes: number;
  /** Identity markers and merged copies sent to `lead-events`. */
  forwarded: number;
}

export interface ScoreBatchDeps {
  pool: Pool;
  /** The set the worker last loaded: used as is when it is the version active in the transaction. */
  ruleSet: () => CompiledRuleSet;
  /** Publishes score changes; runs inside the transaction, before COMMIT (see README: at-least-once). */
  publish: (changes: LeadScoreChangedMessage[]) => Promise<void>;
  /** Sends identity markers and merged copies to `lead-events`; also inside the transaction. */
  forward: (events: LeadEventMessage[]) => Promise<void>;
}

/**
 * One transaction per batch: take the switch lock shared (a replay's switch waits for us, or we
 * wait for it), append the new events (duplicates skipped by eventId), read the live generation
 * and the active rule version together, lock and load the leads' states, fold, upsert projections
 * and audit rows, publish the changes and the identity messages, record merges for the history
 * forwarder (apps/scoring/src/identity), commit.
 * Publishing before COMMIT means a crash can only repeat a publication (the handoff service
 * dedupes), never lose one; the caller commits Kafka offsets only after this resolves.
 */
export async function scoreBatch(deps: ScoreBatchDeps, events: NewEvent[]): Promise<BatchOutcome> {
  const unique = dedupeEvents(events);
  const client = await deps.pool.connect();
  try {
    await client.query('BEGIN');
    await takeSwitchLockShared(client);
    const stored = await appendEvents(client, unique);
    let changes = 0;
    let forwarded = 0;
    if (stored.length > 0) {
      const { generation, ruleVersion } = await liveGenerationAndVersion(client);
      const ruleSet = await ruleSetAt(deps, client, ruleVersion);
      const leadIds = [...new Set(stored.map((event) => event.leadId))];
      const states = await loadLeadStates<LeadState>(client, generation, leadIds);
      const folded = foldLeads(stored, states, ruleSet);
      await upsertProjections(client, generation, folded.projections);
      await insertAuditRows(client, generation, folded.audit);
      await deps.publish(folded.changes);
      changes = folded.changes.length;
      if (folded.identity.length > 0) {
        const identity = identityPlan(folded.identity);
        await deps.forward(identity.messages);
        await insertIdentityForwardings(client, identity.forwardings);
        forwarded = identity.messages.length;
      }
    }
    await client.query('COMMIT');
    return { stored: stored.length, duplicates: events.length - stored.length, changes, forwarded };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The version active in this transaction: usually the one the worker loaded, else from the cache. */
async function ruleSetAt(deps: ScoreBatchDeps, client: PoolClient, version: number | null): Promise<CompiledRuleSet> {
  const loaded = deps.ruleSet();
  if (version === null || loaded.version === version) return loaded;
  return compiledRuleSetFor(client, version);
}
