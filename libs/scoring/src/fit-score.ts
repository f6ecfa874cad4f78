import { countedUnderCap } from './cap-group';
import { toPoints } from './cents';
import { type CompiledRuleSet } from './compile-rule-set';
import { type Reason } from './fold-result';
import { type LeadState } from './lead-state';
import { type ScoringEvent } from './scoring-event';

/**
 * Recomputes the fit score from the lead's merged traits: every matching fit rule fires and the
 * result replaces the older fit points. Runs on each event that carries traits, and on the first
 * event folded under a new rule version.
 */
export function recomputeFit(state: LeadState, event: ScoringEvent, ruleSet: CompiledRuleSet, reasons: Reason[]): void {
  const fit = new Array<number>(state.ledger.rules.length).fill(0);
  const groups = new Array<number>(ruleSet.fitGroups.length).fill(0);
  let total = 0;
  for (const rule of ruleSet.fitRules) {
    if (!rule.matches(event, state)) continue;
    const before = groups[rule.groupIndex];
    const counted = countedUnderCap(before, rule.cents, ruleSet.fitCaps[rule.groupIndex]);
    groups[rule.groupIndex] = before + rule.cents;
    fit[rule.index] = counted;
    total += counted;
    reasons.push(counted === rule.cents ? rule.fullReason : { ruleId: rule.id, points: toPoints(counted), kind: 'fit', group: rule.group, capped: true });
  }
  state.ledger.fit = fit;
  state.fitScore = toPoints(total);
}
