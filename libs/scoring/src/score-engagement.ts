import { countedUnderCap } from './cap-group';
import { toPoints } from './cents';
import { type CompiledRule, type CompiledRuleSet } from './compile-rule-set';
import { decayFactor } from './decay-factor';
import { type Reason } from './fold-result';
import { addDecaying, addExpiring, addLive } from './group-points';
import { type Ledger, type LeadState } from './lead-state';
import { takeWindowSlot } from './limit-window';
import { type ScoringEvent } from './scoring-event';

/**
 * Fires every engagement rule of the event's type whose conditions hold (not the first match).
 * `values` holds each group's value at the valuation time and is kept up to date here. Returns
 * the cents counted after caps: what the lead's capped engagement moved by.
 */
export function scoreEngagement(
  state: LeadState,
  event: ScoringEvent,
  ruleSet: CompiledRuleSet,
  values: Float64Array,
  reasons: Reason[],
): number {
  const rules = ruleSet.engagementByType.get(event.type);
  if (rules === undefined) return 0;
  const ledger = state.ledger;
  let counted = 0;
  for (const rule of rules) {
    if (!rule.matches(event, state)) continue;
    if (rule.limit !== null && !takeWindowSlot(ledger, rule, event.occurredAt, ledger.valuedAt!)) {
      reasons.push(rule.limitedReason);
      continue;
    }
    counted += earn(ledger, rule, event.occurredAt, ruleSet.engagementCaps[rule.groupIndex], values, reasons);
  }
  return counted;
}

/** Books the rule's points, gives its reason, and returns what they count at the valuation time. */
function earn(ledger: Ledger, rule: CompiledRule, occurredAt: number, cap: number, values: Float64Array, reasons: Reason[]): number {
  const g = rule.groupIndex;
  const valuedAt = ledger.valuedAt!;
  let worth = rule.cents;
  if (rule.halfLifeMs !== null) {
    addDecaying(ledger, g, rule.cents, occurredAt, rule.halfLifeMs);
    if (occurredAt !== valuedAt) worth = rule.cents * decayFactor(valuedAt - occurredAt, rule.halfLifeMs);
  } else if (rule.expiresAfterMs === null) addLive(ledger, g, rule.cents);
  else if (occurredAt + rule.expiresAfterMs > valuedAt) addExpiring(ledger, g, rule.cents, occurredAt + rule.expiresAfterMs);
  else {
    reasons.push({ ruleId: rule.id, points: 0, kind: 'engagement', group: rule.group, expired: true });
    return 0;
  }
  const counted = countedUnderCap(values[g], worth, cap);
  values[g] += worth;
  ledger.totals[rule.index] += counted;
  if (counted === rule.cents) reasons.push(rule.fullReason);
  else {
    const reason: Reason = { ruleId: rule.id, points: toPoints(counted), kind: 'engagement', group: rule.group };
    if (counted !== worth) reason.capped = true;
    reasons.push(reason);
  }
  return counted;
}
