import { type LeadView, type Milestones } from '@leadscore/contracts';
import { type LeadInsights } from '@leadscore/scoring';
import { type WinProbability } from '../models/lead-win-probability';

/** The SELECT list of the insight columns a LeadViewRow carries. */
export const INSIGHT_COLUMNS_SQL = 'p.source, p.mql_at, p.sql_at, p.opportunity_at, p.customer_at, p.lost_at, p.disqualified_at, p.revenue';

/** A row of the lead view queries (lead_projections + the owner from the latest assigned handoff). */
export interface LeadViewRow {
  lead_id: string;
  score: number;
  fit_score: number;
  engagement_score: number;
  grade: string;
  stage: string;
  rule_version: number;
  event_count: number;
  first_seen_at: Date | null;
  last_activity_at: Date | null;
  traits: Record<string, unknown>;
  merged_into: string | null;
  owner_team: string | null;
  owner_member: string | null;
  source: string | null;
  mql_at: Date | null;
  sql_at: Date | null;
  opportunity_at: Date | null;
  customer_at: Date | null;
  lost_at: Date | null;
  disqualified_at: Date | null;
  revenue: number | null;
}

export function leadViewOf(row: LeadViewRow): LeadView {
  return {
    leadId: row.lead_id,
    score: row.score,
    fitScore: row.fit_score,
    engagementScore: row.engagement_score,
    grade: row.grade,
    stage: row.stage,
    owner: row.owner_team ? { team: row.owner_team, member: row.owner_member } : null,
    ruleVersion: row.rule_version,
    eventCount: row.event_count,
    firstSeenAt: row.first_seen_at?.toISOString() ?? null,
    lastActivityAt: row.last_activity_at?.toISOString() ?? null,
    traits: row.traits,
    mergedInto: row.merged_into,
    source: row.source,
    milestones: {
      mqlAt: isoOrNull(row.mql_at),
      sqlAt: isoOrNull(row.sql_at),
      opportunityAt: isoOrNull(row.opportunity_at),
      customerAt: isoOrNull(row.customer_at),
      lostAt: isoOrNull(row.lost_at),
      disqualifiedAt: isoOrNull(row.disqualified_at),
    },
    revenue: row.revenue,
  };
}

/** The milestones of a folded lead (the `?asOf=` view), in the same shape. */
export function milestonesOf(insights: LeadInsights): Milestones {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    mqlAt: iso(insights.mqlAt),
    sqlAt: iso(insights.sqlAt),
    opportunityAt: iso(insights.opportunityAt),
    customerAt: iso(insights.customerAt),
    lostAt: iso(insights.lostAt),
    disqualifiedAt: iso(insights.disqualifiedAt),
  };
}

function isoOrNull(value: Date | null): string | null {
  return value?.toISOString() ?? null;
}

/** The view with the active model's probability, when there is one. */
export function withWinProbability(view: LeadView, win: WinProbability | null): LeadView {
  return win === null ? view : { ...view, winProbability: win.winProbability, modelId: win.modelId };
}
