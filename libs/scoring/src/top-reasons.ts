import { toPoints } from './cents';
import { type LeadState } from './lead-state';

export interface TopReason {
  ruleId: string;
  points: number;
  kind: 'fit' | 'engagement';
}

/**
 * The rules that weigh most in a lead's score, biggest |points| first (ties by rule id): its
 * current fit rules and the engagement points each rule counted over the lead's history. For
 * webhooks ("reasons: top rules by points").
 */
export function topReasons(state: LeadState, limit = 5): TopReason[] {
  const { rules, fit, totals } = state.ledger;
  const all: TopReason[] = [];
  rules.forEach((ruleId, r) => {
    if ((fit[r] ?? 0) !== 0) all.push({ ruleId, points: toPoints(fit[r]), kind: 'fit' });
    if (toPoints(totals[r] ?? 0) !== 0) all.push({ ruleId, points: toPoints(totals[r]), kind: 'engagement' });
  });
  return all.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || (a.ruleId < b.ruleId ? -1 : 1)).slice(0, limit);
}
