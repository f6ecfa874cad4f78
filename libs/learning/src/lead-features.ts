import { foldBatch, initialLeadState, SALES_FEEDBACK, valueAt, type CompiledRuleSet, type ScoringEvent } from '@leadscore/scoring';
import { extractFeatures, type HistoryEvent } from './extract-features';

// After every event a store can hold: an open lead's features count its whole history.
const END_OF_TIME = new Date(8.64e15).toISOString();

export interface LeadFeatures {
  readonly features: Record<string, number>;
  /** The rule set's score of the lead at `until` (or after its latest event). */
  readonly ruleScore: number;
}

/**
 * A lead's features from its events (log order) as `ruleSet` scores them: the events that happened
 * before `until` (all of them when null) are folded, each keeps the engagement rules that counted
 * on it, and extractFeatures reads them with the merged traits. Sales feedback is left out of the
 * features: it records the outcome, it does not predict it. Pure: the same events, rule set and
 * instant give the same features, so a replay reproduces every probability.
 */
export function leadFeatures(leadId: string, events: readonly ScoringEvent[], ruleSet: CompiledRuleSet, until: number | null): LeadFeatures {
  const before = until === null ? events : events.filter((event) => event.occurredAt < until);
  const { state, results } = foldBatch(initialLeadState(leadId), before, ruleSet);
  const history: HistoryEvent[] = [];
  before.forEach((event, i) => {
    if (event.type === SALES_FEEDBACK) return;
    const ruleIds = results[i].reasons.filter((reason) => reason.kind === 'engagement' && !reason.limited && !reason.expired).map((reason) => reason.ruleId);
    history.push({ type: event.type, occurredAt: new Date(event.occurredAt).toISOString(), properties: event.properties, ruleIds });
  });
  const features = extractFeatures({ events: history, traits: state.traits, outcomeAt: until === null ? END_OF_TIME : new Date(until).toISOString() });
  const ruleScore = until === null || before.length === 0 ? state.score : valueAt(state, ruleSet, until).score;
  return { features, ruleScore };
}
