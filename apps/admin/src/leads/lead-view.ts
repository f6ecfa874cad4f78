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
