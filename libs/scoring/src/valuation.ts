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
 * Engagement in whole cents from each group's value: capped, summed, and rounded once, here, so
 * that fit + engagement is exact before clamping. `caps` by group position; positions past its
 * end are uncapped.
 */
export function engagementCents(values: Float64Array, groupCount: number, caps: readonly number[]): number {
  let total = 0;
  for (let g = 0; g < groupCount; g++) {
    const cap = g < caps.length ? caps[g] : Infinity;
    total += values[g] > cap ? cap : values[g];
  }
  return Math.round(total);
}

export function valuationOf(fitCents: number, engagementCents: number, ruleSet: CompiledRuleSet): Valuation {
  const total = Math.min(ruleSet.ceilingCents, Math.max(ruleSet.floorCents, fitCents + engagementCents));
  return {
    score: toPoints(total),
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

/** Sets the lead's reported numbers from its groups' values at its valuation time. */
export function revalue(state: LeadState, ruleSet: CompiledRuleSet, values: Float64Array): void {
  const fitCents = toCents(state.fitScore);
  const engagement = engagementCents(values, state.ledger.live.length, ruleSet.engagementCaps);
  const total = Math.min(ruleSet.ceilingCents, Math.max(ruleSet.floorCents, fitCents + engagement));
  state.score = toPoints(total);
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
  return valuationOf(toCents(state.fitScore), engagementCents(values, values.length, caps), ruleSet);
}

function withExpiredRemoved(ledger: Ledger, at: number): number[] {
  const live = ledger.live.slice();
  const list = ledger.expiring;
  for (let k = 0; k < list.length && list[k] <= at; k += 3) live[list[k + 1]] -= list[k + 2];
  return live;
}
