import { type PoolClient } from 'pg';
import { FEATURE_SPEC_VERSION, leadWinProbability, parseModel } from '@leadscore/learning';
import { COMPILED_RULE_SETS, findActiveModel, readLeadEvents } from '@leadscore/persistence';
import { toScoringEvent } from '@leadscore/projection';

/**
 * The active model's win probability of a lead from its stored events up to its promotion's cause
 * event (as the admin's lead view computes it, docs/learned-scoring.md): the same history gives the
 * same routing. Null without an active model of this build's feature spec.
 */
export async function winProbabilityAtCause(client: PoolClient, leadId: string, causeEventId: string): Promise<number | null> {
  const active = await findActiveModel(client);
  if (!active || active.featureSpecVersion !== FEATURE_SPEC_VERSION) return null;
  const ruleSet = await COMPILED_RULE_SETS.get(client, active.rulesVersion);
  if (!ruleSet) return null;
  const events = await readLeadEvents(client, leadId);
  const cause = events.findIndex((event) => event.eventId === causeEventId);
  const history = (cause === -1 ? events : events.slice(0, cause + 1)).map(toScoringEvent);
  return leadWinProbability(parseModel(active.model), leadId, history, ruleSet).probability;
}
