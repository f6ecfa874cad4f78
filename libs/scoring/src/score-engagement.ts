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
 * `values` holds each group's value at the valuation time and is kept up to date here.
 */
export function scoreEngagement(
  state: LeadState,
  event: ScoringEvent,
  ruleSet: CompiledRuleSet,
  values: Float64Array,
  reasons: Reason[],
): void {
  const rules = ruleSet.engagementByType.get(event.type);
  if (rules === undefined) return;
  const ledger = state.ledger;
  for (const rule of rules) {
    if (!rule.matches(event, state)) continue;
    if (rule.limit !== null && !takeWindowSlot(ledger, rule, event.occurredAt, ledger.valuedAt!)) {
      reasons.push({ ruleId: rule.id, points: 0, kind: 'engagement', group: rule.group, limited: true });
      continue;
    }
    reasons.push(earn(ledger, rule, event.occurredAt, ruleSet.engagementCaps[rule.groupIndex], values));
  }
}

/** Books the rule's points and says what they count at the valuation time. */
function earn(ledger: Ledger, rule: CompiledRule, occurredAt: number, cap: number, values: Float64Array): Reason {
  const g = rule.groupIndex;
  const valuedAt = ledger.valuedAt!;
  let worth = rule.cents;
  if (rule.halfLifeMs !== null) {
    addDecaying(ledger, g, rule.cents, occurredAt, rule.halfLifeMs);
    if (occurredAt !== valuedAt) worth = rule.cents * decayFactor(valuedAt - occurredAt, rule.halfLifeMs);
  } else if (rule.expiresAfterMs === null) addLive(ledger, g, rule.cents);
  else if (occurredAt + rule.expiresAfterMs > valuedAt) addExpiring(ledger, g, rule.cents, occurredAt + rule.expiresAfterMs);
  else return { ruleId: rule.id, points: 0, kind: 'engagement', group: rule.group, expired: true };
  const counted = countedUnderCap(values[g], worth, cap);
  values[g] += worth;
  ledger.totals[rule.index] += counted;
  const reason: Reason = { ruleId: rule.id, points: toPoints(counted), kind: 'engagement', group: rule.group };
  if (counted !== worth) reason.capped = true;
  return reason;
}
