/** A row of lead_projections as the hot path writes it. */
export interface ProjectionRow {
  leadId: string;
  score: number;
  fitScore: number;
  engagementScore: number;
  grade: string;
  stage: string;
  ruleVersion: number;
  eventCount: number;
  firstSeenAt: number | null;
  lastActivityAt: number | null;
  lastSeq: string;
  traits: Record<string, unknown>;
  state: unknown;
}

/** A row of score_audit: what one event did under one rule version. */
export interface AuditRow {
  seq: string;
  eventId: string;
  leadId: string;
  ruleVersion: number;
  points: number;
  reasons: unknown[];
  scoreAfter: number;
  stageAfter: string;
  stageChange: unknown;
  promotion: string | null;
}
