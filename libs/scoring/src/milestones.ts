import { RESERVED_TYPES } from '@leadscore/contracts';
import { type StageChange } from './fold-result';
import { type LeadState } from './lead-state';
import { SALES_FEEDBACK, type ScoringEvent } from './scoring-event';

/**
 * What insights read of a lead (docs/ops-api.md "Insights"): when it first reached each stage (event
 * times), its first-touch source, its revenue, and its outcome with the peak score it had reached
 * before it. Replaced, never mutated, when it changes (rarely): snapshots may share it.
 */
export interface LeadInsights {
  /** Source of the earliest public event that named one, and that event's time. */
  source: string | null;
  sourceAt: number | null;
  mqlAt: number | null;
  sqlAt: number | null;
  opportunityAt: number | null;
  customerAt: number | null;
  lostAt: number | null;
  disqualifiedAt: number | null;
  /** The latest `won` amount (2 decimals), null when no won carried one. */
  revenue: number | null;
  /** The latest outcome (won; lost or disqualify) and the peak score reached before it. */
  outcome: 'won' | 'lost' | null;
  outcomePeakScore: number | null;
}

export const NO_INSIGHTS: LeadInsights = Object.freeze({
  source: null, sourceAt: null, mqlAt: null, sqlAt: null, opportunityAt: null, customerAt: null, lostAt: null,
  disqualifiedAt: null, revenue: null, outcome: null, outcomePeakScore: null,
});

/** The path a lead climbs; reaching a stage on it also reaches the ones before, at the same time. */
const PATH = [['mql', 'mqlAt'], ['sql', 'sqlAt'], ['opportunity', 'opportunityAt'], ['customer', 'customerAt']] as const;

/** The source an event names, if it may be a first touch: reserved types come from the house. */
export function touchSource(state: LeadState, event: ScoringEvent): void {
  if (event.source === null || RESERVED_TYPES[event.type] !== undefined) return;
  const current = state.insights;
  if (current.sourceAt !== null && current.sourceAt <= event.occurredAt) return;
  state.insights = { ...current, source: event.source, sourceAt: event.occurredAt };
}

/**
 * Records what the event's stage step means for insights. `peakBefore` is the highest score the
 * lead had reached before this event: the score a threshold had to be at or below to catch it.
 */
export function recordMilestones(state: LeadState, event: ScoringEvent, change: StageChange | null, peakBefore: number): void {
  const t = event.occurredAt;
  let next: LeadInsights | null = null;
  const edit = (): LeadInsights => (next ??= { ...state.insights });
  if (change !== null) {
    const reached = PATH.findIndex(([stage]) => stage === change.to);
    for (let i = 0; i <= reached; i++) if ((next ?? state.insights)[PATH[i][1]] === null) edit()[PATH[i][1]] = t;
  }
  if (event.type === SALES_FEEDBACK) {
    const action = event.properties.action;
    if (change !== null && action === 'lost') recordOutcome(edit(), 'lost', t, 'lostAt', peakBefore);
    if (change !== null && action === 'disqualify') recordOutcome(edit(), 'lost', t, 'disqualifiedAt', peakBefore);
    if (action === 'won' && state.stage === 'customer') {
      const amount = wonAmount(event.properties.amount);
      const insights = edit();
      if (amount !== null) insights.revenue = amount;
      if (change !== null) {
        insights.outcome = 'won';
        insights.outcomePeakScore = peakBefore;
      }
    }
  }
  if (next !== null) state.insights = next;
}

function recordOutcome(insights: LeadInsights, outcome: 'lost', t: number, field: 'lostAt' | 'disqualifiedAt', peakBefore: number): void {
  if (insights[field] === null) insights[field] = t;
  insights.outcome = outcome;
  insights.outcomePeakScore = peakBefore;
}

/** A stored amount as the API took it (≥ 0, at most 2 decimals); anything else counts as none. */
function wonAmount(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  return Math.round(value * 100) / 100;
}
