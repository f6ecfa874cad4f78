import { type Pool } from 'pg';
import { leadWinProbability, type LogisticModel } from '@leadscore/learning';
import { toScoringEvent } from '@leadscore/projection';
import { type CompiledRuleSet } from '@leadscore/scoring';
import { analyzeWinProbabilities, findStaleLeads, readStaleLeadEvents, storeWinProbabilities, type StaleLead } from './stored-win-probabilities.repository';

/** Projections looked at per batch; one query reads the events of the stale ones among them. */
export const REFRESH_BATCH_SIZE = 1000;

/**
 * Events read per query at most: the stale leads of a batch are read in groups whose histories
 * add up to no more (a lead longer than this alone), so a few very long leads — anyone holding a
 * write key can make one — cost the refresher one lead's history at a time, not a batch of them.
 */
export const REFRESH_EVENT_BUDGET = 50_000;

// After a new model's first pass the table's statistics still describe the previous model's rows: with
// them the list by win probability sorted every row (~200 ms a page over 100k leads) instead of walking
// the order index (a few ms) until autovacuum's next analyze. A pass that wrote this many refreshes them.
const ANALYZE_AFTER_ROWS = 1000;

/**
 * One pass over the listed leads in lead_id order: each whose stored probability is missing, of
 * another model or older than its projection is recomputed from its events (folded under the model's
 * rule version, as the lead view does) and stored. Returns how many rows it wrote.
 */
export async function refreshWinProbabilities(
  pool: Pool,
  options: { modelId: string; model: LogisticModel; ruleSet: CompiledRuleSet; batchSize?: number },
): Promise<number> {
  const { modelId, model, ruleSet, batchSize = REFRESH_BATCH_SIZE } = options;
  let refreshed = 0;
  for (let after: string | null = ''; after !== null;) {
    const { stale, scannedUpTo } = await findStaleLeads(pool, { modelId, afterLeadId: after, limit: batchSize });
    for (const group of withinEventBudget(stale, REFRESH_EVENT_BUDGET)) {
      const events = await readStaleLeadEvents(pool, group);
      refreshed += await storeWinProbabilities(pool, modelId, group.map(({ leadId, lastSeq }) => ({
        leadId,
        lastSeq,
        winProbability: leadWinProbability(model, leadId, (events.get(leadId) ?? []).map(toScoringEvent), ruleSet).probability,
      })));
    }
    after = scannedUpTo;
  }
  if (refreshed >= ANALYZE_AFTER_ROWS) await analyzeWinProbabilities(pool);
  return refreshed;
}

/** Consecutive groups of the leads whose event counts add up to `budget` at most (a longer lead alone). */
export function withinEventBudget(leads: readonly StaleLead[], budget: number): StaleLead[][] {
  const groups: StaleLead[][] = [];
  let group: StaleLead[] = [];
  let events = 0;
  for (const lead of leads) {
    if (group.length > 0 && events + lead.eventCount > budget) {
      groups.push(group);
      group = [];
      events = 0;
    }
    group.push(lead);
    events += lead.eventCount;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
