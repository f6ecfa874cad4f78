import { type LeadInsights, NO_INSIGHTS } from './milestones';
import { type Grade, type Stage } from './stage';

/**
 * The engine's private bookkeeping, plain JSON made of flat number arrays (cheap to copy, fast to
 * read). Amounts are cents: exact integers, except decayed sums. Positions refer to the two
 * layouts `groups` and `rules`, which the fold lines up with the rule set it runs under (see
 * align-ledger); the names travel with the lead so that it can go on under the next version.
 */
export interface Ledger {
  /** Time the points are valued at: the latest occurredAt seen, inactivity ticks included. */
  valuedAt: number | null;
  /** Hash of the rule-set layout the positions follow (0 = none yet); see align-ledger. */
  layout: number;
  /** Layout: engagement group names. */
  groups: string[];
  /** Per group: cents that do not decay (permanent ones, and expiring ones not yet expired). */
  live: number[];
  /** Decaying sums, quads [group, halfLifeMs, anchorAt, sum]; see group-points. */
  decaying: number[];
  /** Points that will stop counting, triples [expiresAt, group, cents], sorted by expiresAt. */
  expiring: number[];
  /** Layout: rule ids. */
  rules: string[];
  /** Limit windows, triples [rule, window, count], sorted by rule then window. */
  windows: number[];
  /** Per rule: engagement cents counted over the lead's history (for top reasons). */
  totals: number[];
  /** Per rule: fit cents counting now (replaced whenever fit is recomputed). */
  fit: number[];
  /** Per trait key: occurredAt of the identify that set it, so a late identify cannot override. */
  traitsAt: Record<string, number>;
  /** In nurture: the score has been below mql since, so reaching it again promotes. */
  belowMqlSinceNurture: boolean;
  /** The highest score the lead has had (0 to begin with): the threshold backtest reads it. */
  peakScore: number;
}

/** A lead as the fold sees it; the worker stores it as jsonb between batches. */
export interface LeadState {
  leadId: string;
  score: number;
  fitScore: number;
  engagementScore: number;
  grade: Grade;
  stage: Stage;
  traits: Record<string, unknown>;
  eventCount: number;
  firstSeenAt: number | null;
  /** Latest occurredAt seen, inactivity ticks excluded. */
  lastActivityAt: number | null;
  ruleVersion: number;
  /**
   * Set once an `identity_merged` event linked this id to a known lead: the lead keeps what it
   * had then, and every later event is left to that lead (see identity.ts).
   */
  mergedInto: string | null;
  /** Milestones, first-touch source, revenue and outcome (milestones.ts). */
  insights: LeadInsights;
  ledger: Ledger;
}

export function initialLeadState(leadId: string): LeadState {
  return {
    leadId,
    score: 0,
    fitScore: 0,
    engagementScore: 0,
    grade: 'D',
    stage: 'new',
    traits: {},
    eventCount: 0,
    firstSeenAt: null,
    lastActivityAt: null,
    ruleVersion: 0,
    mergedInto: null,
    insights: NO_INSIGHTS,
    ledger: {
      valuedAt: null,
      layout: 0,
      groups: [],
      live: [],
      decaying: [],
      expiring: [],
      rules: [],
      windows: [],
      totals: [],
      fit: [],
      traitsAt: {},
      belowMqlSinceNurture: false,
      peakScore: 0,
    },
  };
}

/**
 * A copy the engine may mutate. The engine replaces (never mutates) `traits`, `traitsAt`, the
 * layouts and `fit`, so those are shared; the arrays it mutates in place are copied.
 */
export function cloneLeadState(state: LeadState): LeadState {
  const l = state.ledger;
  return withLedger(state, {
    valuedAt: l.valuedAt,
    layout: l.layout,
    groups: l.groups,
    live: l.live.slice(),
    decaying: l.decaying.slice(),
    expiring: l.expiring.slice(),
    rules: l.rules,
    windows: l.windows.slice(),
    totals: l.totals.slice(),
    fit: l.fit,
    traitsAt: l.traitsAt,
    belowMqlSinceNurture: l.belowMqlSinceNurture,
    // States stored before insights existed have no peak: the score they have is the best known.
    peakScore: l.peakScore ?? state.score,
  });
}

/** The lead's own fields after one event of a batch; the ledger is the batch's working one. */
export function snapshotOf(state: LeadState): LeadState {
  return withLedger(state, state.ledger);
}

/** Field by field rather than a spread: one object shape for every lead, however it was built. */
function withLedger(state: LeadState, ledger: Ledger): LeadState {
  return {
    leadId: state.leadId,
    score: state.score,
    fitScore: state.fitScore,
    engagementScore: state.engagementScore,
    grade: state.grade,
    stage: state.stage,
    traits: state.traits,
    eventCount: state.eventCount,
    firstSeenAt: state.firstSeenAt,
    lastActivityAt: state.lastActivityAt,
    ruleVersion: state.ruleVersion,
    // States stored before identity merging existed have no such field.
    mergedInto: state.mergedInto ?? null,
    insights: state.insights ?? NO_INSIGHTS,
    ledger,
  };
}
