import { provenanceProblem } from '@leadscore/contracts';
import { type FoldResult } from './fold-result';
import { type LeadState } from './lead-state';
import { type ScoringEvent } from './scoring-event';

/**
 * A reserved type (sales_feedback, inactivity_tick, identity_merged: libs/contracts
 * reserved-events.ts) counts only from the internal producer that writes it. From anyone else
 * (a write key is public; a forged message; a row stored before the rule) the event acts as
 * nothing: no points, no stage, no merge, no feedback, no time moved on; it is only counted in
 * eventCount, like every stored event, and the result says why. Null when the event may act.
 */
export function ignoredByProvenance(state: LeadState, event: ScoringEvent): FoldResult | null {
  const problem = provenanceProblem(event.type, event.producer);
  if (problem === null) return null;
  state.eventCount += 1;
  return { state, scoreChange: null, stageChange: null, promotion: null, reasons: [], note: problem, ignored: problem };
}
