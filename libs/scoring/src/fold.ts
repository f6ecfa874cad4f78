import { alignLedger } from './align-ledger';
import { applyEvent } from './apply-event';
import { type CompiledRuleSet } from './compile-rule-set';
import { type FoldResult } from './fold-result';
import { cloneLeadState, type LeadState, snapshotOf } from './lead-state';
import { type ScoringEvent } from './scoring-event';

/** One event on a lead, under a rule set. Pure: `state` is not touched. */
export function fold(state: LeadState, event: ScoringEvent, ruleSet: CompiledRuleSet): FoldResult {
  return applyEvent(workingCopy(state, ruleSet), event, ruleSet);
}

/**
 * A lead's events in log order — the worker's hot path. Clones `state` once and applies every
 * event to that copy; gives the same final state and results as folding them one at a time.
 * Each result's `state` is a shallow snapshot of the lead after that event (scores, stage,
 * traits, counts); the ledger inside is shared with the returned `state`, which is the one to keep.
 */
export function foldBatch(
  state: LeadState,
  events: readonly ScoringEvent[],
  ruleSet: CompiledRuleSet,
): { state: LeadState; results: FoldResult[] } {
  const working = events.length === 0 ? cloneLeadState(state) : workingCopy(state, ruleSet);
  const results: FoldResult[] = new Array<FoldResult>(events.length);
  const last = events.length - 1;
  for (let i = 0; i <= last; i++) {
    const result = applyEvent(working, events[i], ruleSet);
    if (i < last) result.state = snapshotOf(working);
    results[i] = result;
  }
  return { state: working, results };
}

function workingCopy(state: LeadState, ruleSet: CompiledRuleSet): LeadState {
  const working = cloneLeadState(state);
  alignLedger(working.ledger, ruleSet);
  return working;
}
