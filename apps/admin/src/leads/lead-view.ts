/** The lead view of DESIGN.md ("Lead view"). */
export interface LeadView {
  leadId: string;
  score: number;
  fitScore: number;
  engagementScore: number;
  grade: string;
  stage: string;
  owner: { team: string; member: string | null } | null;
  ruleVersion: number;
  eventCount: number;
  firstSeenAt: string | null;
  lastActivityAt: string | null;
  traits: Record<string, unknown>;
  /** Set when this id was merged into a known lead (alias/identify): that lead carries it on. */
  mergedInto: string | null;
}

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
  };
}
