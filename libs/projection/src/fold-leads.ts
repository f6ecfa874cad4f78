import { type LeadScoreChangedMessage } from '@leadscore/contracts';
import { foldBatch, initialLeadState, type CompiledRuleSet, type FoldResult, type LeadState } from '@leadscore/scoring';
import { identityEffectOf, type IdentityEffect } from './identity-effects';
import { type AuditRow, type ProjectionRow, type StoredEvent } from '@leadscore/persistence';
import { toScoringEvent } from './to-scoring-event';

export interface FoldedLeads {
  projections: ProjectionRow[];
  audit: AuditRow[];
  changes: LeadScoreChangedMessage[];
  /** Identity links, merges and forwards, in fold order per lead; live scoring sends them on. */
  identity: IdentityEffect[];
}

/**
 * Folds newly stored events (sorted by seq) onto their leads' states. Pure: the same inputs give
 * the same rows, which is what makes a replay reproduce live scoring exactly — live scoring
 * (apps/scoring) and replay (apps/admin) both write through this one function.
 */
export function foldLeads(
  events: StoredEvent[],
  states: Map<string, LeadState>,
  ruleSet: CompiledRuleSet,
  /** 'rebuild' (a replay): the same rows, without the score changes and identity effects only live scoring sends. */
  mode: 'live' | 'rebuild' = 'live',
): FoldedLeads {
  const live = mode === 'live';
  const byLead = groupByLead(events);
  const out: FoldedLeads = { projections: [], audit: [], changes: [], identity: [] };
  for (const [leadId, leadEvents] of byLead) {
    const before = states.get(leadId) ?? initialLeadState(leadId);
    const { state, results } = foldBatch(before, leadEvents.map(toScoringEvent), ruleSet);
    results.forEach((result, index) => {
      const event = leadEvents[index];
      out.audit.push(toAuditRow(event, result, ruleSet.version));
      if (!live) return;
      const change = toScoreChange(event, result, ruleSet.version);
      if (change) out.changes.push(change);
      const identity = identityEffectOf(event, result);
      if (identity) out.identity.push(identity);
    });
    out.projections.push(toProjectionRow(state, leadEvents[leadEvents.length - 1].seq));
  }
  return out;
}

function groupByLead(events: StoredEvent[]): Map<string, StoredEvent[]> {
  const byLead = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const list = byLead.get(event.leadId);
    if (list) list.push(event);
    else byLead.set(event.leadId, [event]);
  }
  return byLead;
}

function toProjectionRow(state: LeadState, lastSeq: string): ProjectionRow {
  return {
    leadId: state.leadId,
    score: state.score,
    fitScore: state.fitScore,
    engagementScore: state.engagementScore,
    grade: state.grade,
    stage: state.stage,
    ruleVersion: state.ruleVersion,
    eventCount: state.eventCount,
    firstSeenAt: state.firstSeenAt,
    lastActivityAt: state.lastActivityAt,
    lastSeq,
    source: state.insights.source,
    mqlAt: state.insights.mqlAt,
    sqlAt: state.insights.sqlAt,
    opportunityAt: state.insights.opportunityAt,
    customerAt: state.insights.customerAt,
    lostAt: state.insights.lostAt,
    disqualifiedAt: state.insights.disqualifiedAt,
    revenue: state.insights.revenue,
    outcome: state.insights.outcome,
    outcomePeakScore: state.insights.outcomePeakScore,
    mergedInto: state.mergedInto,
    traits: state.traits,
    state,
  };
}

function toAuditRow(event: StoredEvent, result: FoldResult, ruleVersion: number): AuditRow {
  const before = result.scoreChange?.before ?? result.state.score;
  return {
    seq: event.seq,
    eventId: event.eventId,
    leadId: event.leadId,
    ruleVersion,
    points: round2(result.state.score - before),
    reasons: result.reasons,
    scoreAfter: result.state.score,
    stageAfter: result.state.stage,
    stageChange: result.stageChange ?? (result.note ? { note: result.note, ...(result.ignored !== undefined ? { ignored: true } : {}) } : null),
    promotion: result.promotion,
  };
}

function toScoreChange(event: StoredEvent, result: FoldResult, ruleVersion: number): LeadScoreChangedMessage | null {
  if (result.scoreChange === null && result.stageChange === null && result.promotion === null) return null;
  const state = result.state;
  return {
    v: 1,
    leadId: event.leadId,
    causeEventId: event.eventId,
    seq: event.seq,
    ruleVersion,
    occurredAt: event.occurredAt.toISOString(),
    score: state.score,
    fitScore: state.fitScore,
    engagementScore: state.engagementScore,
    previousScore: result.scoreChange?.before ?? state.score,
    stage: state.stage,
    previousStage: result.stageChange?.from ?? state.stage,
    promotion: result.promotion,
    reasons: result.reasons.filter((reason) => reason.points !== 0).map(({ ruleId, points }) => ({ ruleId, points })),
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
