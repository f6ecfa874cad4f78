import { toCents, toPoints } from './cents';
import { type CompiledRuleSet } from './compile-rule-set';
import { groupValuesWithoutRebase } from './group-points';
import { type Ledger, type LeadState } from './lead-state';
import { type Grade } from './stage';

export interface Valuation {
  score: number;
  fitScore: number;
  engagementScore: number;
  grade: Grade;
}

/**
 * Engagement in cents from each group's value: capped and summed, not yet rounded (it is rounded
 * once, when reported, so that fit + engagement is exact before clamping). `caps` by group
 * position; positions past its end are uncapped.
 */
export function cappedSum(values: Float64Array, groupCount: number, caps: readonly number[]): number {
  let total = 0;
  for (let g = 0; g < groupCount; g++) {
    const cap = g < caps.length ? caps[g] : Infinity;
    total += values[g] > cap ? cap : values[g];
  }
  return total;
}

/** Fit + engagement, clamped once to the rule set's floor and ceiling. */
function clampedScore(fitCents: number, engagementCents: number, ruleSet: CompiledRuleSet): number {
  return Math.min(ruleSet.ceilingCents, Math.max(ruleSet.floorCents, fitCents + engagementCents));
}

function valuationOf(fitCents: number, engagementCents: number, ruleSet: CompiledRuleSet): Valuation {
  return {
    score: toPoints(clampedScore(fitCents, engagementCents, ruleSet)),
    fitScore: toPoints(fitCents),
    engagementScore: toPoints(engagementCents),
    grade: gradeOf(fitCents, ruleSet),
  };
}

function gradeOf(fitCents: number, ruleSet: CompiledRuleSet): Grade {
  const grades = ruleSet.gradesCents;
  if (grades === null) return 'D';
  if (fitCents >= grades.A) return 'A';
  if (fitCents >= grades.B) return 'B';
  return fitCents >= grades.C ? 'C' : 'D';
}

/** Sets the lead's reported numbers from its engagement (capped, unrounded cents) and fit. */
export function revalue(state: LeadState, ruleSet: CompiledRuleSet, cappedEngagement: number): void {
  const fitCents = toCents(state.fitScore);
  const engagement = Math.round(cappedEngagement);
  state.score = toPoints(clampedScore(fitCents, engagement, ruleSet));
  state.engagementScore = toPoints(engagement);
  state.grade = gradeOf(fitCents, ruleSet);
}

/**
 * The lead's points valued at `at` (for `?asOf=`): decay and expiry projected to that time. Meant
 * for `at` at or after the lead's latest event; for an earlier time, fold the events up to it.
 * Works on any stored lead, whichever rule version its ledger was laid out for.
 */
export function valueAt(state: LeadState, ruleSet: CompiledRuleSet, at: number): Valuation {
  const ledger = state.ledger;
  const values = groupValuesWithoutRebase(ledger, withExpiredRemoved(ledger, at), at);
  const caps = ledger.groups.map((group) => ruleSet.capsCents.get(group) ?? Infinity);
  return valuationOf(toCents(state.fitScore), Math.round(cappedSum(values, values.length, caps)), ruleSet);
}

function withExpiredRemoved(ledger: Ledger, at: number): number[] {
  const live = ledger.live.slice();
  const list = ledger.expiring;
  for (let k = 0; k < list.length && list[k] <= at; k += 3) live[list[k + 1]] -= list[k + 2];
  return live;
}
