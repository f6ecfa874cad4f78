import { type CompiledRuleSet } from './compile-rule-set';
import { recomputeFit } from './fit-score';
import { type FoldResult, type Reason } from './fold-result';
import { expireUntil, groupValuesAt, pruneFaded } from './group-points';
import { applyIdentity } from './identity';
import { type LeadState } from './lead-state';
import { dropEndedWindows } from './limit-window';
import { mergeTraits } from './merge-traits';
import { recordMilestones, touchSource } from './milestones';
import { ignoredByProvenance } from './provenance';
import { scoreEngagement } from './score-engagement';
import { INACTIVITY_TICK, type ScoringEvent } from './scoring-event';
import { stepStage } from './stage-machine';
import { cappedSum, revalue } from './valuation';

/**
 * One event, applied in place to a lead the caller owns (fold and foldBatch hand it a private
 * copy, its ledger lined up with the rule set). Provenance comes first: a reserved type from
 * another producer than its own acts as nothing (provenance.ts). Then identity (a merged lead takes no
 * more events; see identity.ts). Then time moves on, traits merge and fit is
 * recomputed, engagement rules fire, the points are valued at the lead's latest occurredAt, then
 * the stage machine runs.
 */
export function applyEvent(state: LeadState, event: ScoringEvent, ruleSet: CompiledRuleSet): FoldResult {
  const ignored = ignoredByProvenance(state, event);
  if (ignored !== null) return ignored;
  const merged = applyIdentity(state, event);
  if (merged !== null) return merged;
  const scoreBefore = state.score;
  const t = event.occurredAt;
  state.eventCount += 1;
  if (state.firstSeenAt === null || t < state.firstSeenAt) state.firstSeenAt = t;
  advanceTime(state, t, event.type === INACTIVITY_TICK, ruleSet);
  const values = groupValuesAt(state.ledger, state.ledger.valuedAt!);
  let engagement = cappedSum(values, state.ledger.live.length, ruleSet.engagementCaps);
  const reasons: Reason[] = [];
  const hasTraits = typeof event.traits === 'object' && event.traits !== null;
  if (hasTraits) mergeTraits(state, event);
  if (hasTraits || state.ruleVersion !== ruleSet.version) recomputeFit(state, event, ruleSet, reasons);
  state.ruleVersion = ruleSet.version;
  engagement += scoreEngagement(state, event, ruleSet, values, reasons);
  if (event.type !== INACTIVITY_TICK && (state.lastActivityAt === null || t > state.lastActivityAt)) state.lastActivityAt = t;
  revalue(state, ruleSet, engagement);
  const peakBefore = state.ledger.peakScore;
  const step = stepStage(state, event, ruleSet);
  touchSource(state, event);
  recordMilestones(state, event, step.stageChange, peakBefore);
  if (state.score > peakBefore) state.ledger.peakScore = state.score;
  if (reasons.length > 1) sortByPointsDescending(reasons);
  const result: FoldResult = {
    state,
    scoreChange: state.score === scoreBefore ? null : { before: scoreBefore, after: state.score },
    stageChange: step.stageChange,
    promotion: step.promotion,
    reasons,
  };
  if (step.note !== undefined) result.note = step.note;
  return result;
}

/** The valuation time only moves forward; expired points leave the ledger as it passes them. */
function advanceTime(state: LeadState, t: number, isTick: boolean, ruleSet: CompiledRuleSet): void {
  const ledger = state.ledger;
  if (ledger.valuedAt !== null && t <= ledger.valuedAt) return;
  ledger.valuedAt = t;
  expireUntil(ledger, t);
  // Faded sums and ended windows can never count again; tidying on the scheduler's ticks is enough.
  if (isTick) {
    pruneFaded(ledger, t);
    dropEndedWindows(ledger, ruleSet.windowMsByRule, t);
  }
}

/** Insertion sort (a handful of reasons), stable: ties keep rule-set order (fit, then engagement). */
function sortByPointsDescending(reasons: Reason[]): void {
  for (let i = 1; i < reasons.length; i++) {
    const reason = reasons[i];
    const weight = Math.abs(reason.points);
    let j = i;
    while (j > 0 && Math.abs(reasons[j - 1].points) < weight) {
      reasons[j] = reasons[j - 1];
      j--;
    }
    reasons[j] = reason;
  }
}
