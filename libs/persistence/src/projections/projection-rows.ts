import { type LeadStanding } from '@leadscore/contracts';
import { type LeadInsights } from '@leadscore/scoring';

/**
 * The insights (libs/scoring milestones.ts), copied from the state so that SQL can aggregate them;
 * the outcome as a column reads back as text.
 */
type InsightColumnsOfState = Omit<LeadInsights, 'sourceAt' | 'outcome'> & { outcome: string | null };

/** A row of lead_projections as the hot path writes it. */
export interface ProjectionRow extends LeadStanding, InsightColumnsOfState {
  ruleVersion: number;
  eventCount: number;
  firstSeenAt: number | null;
  lastActivityAt: number | null;
  lastSeq: string;
  mergedInto: string | null;
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

type InsightColumns = Pick<ProjectionRow, 'source' | 'mqlAt' | 'sqlAt' | 'opportunityAt' | 'customerAt' | 'lostAt' | 'disqualifiedAt' | 'revenue' | 'outcome' | 'outcomePeakScore' | 'mergedInto'>;

/** The insight columns of a lead with none yet (for rows written by hand, in tests and seeds). */
export const NO_INSIGHT_COLUMNS: Readonly<InsightColumns> = Object.freeze({
  source: null, mqlAt: null, sqlAt: null, opportunityAt: null, customerAt: null, lostAt: null, disqualifiedAt: null,
  revenue: null, outcome: null, outcomePeakScore: null, mergedInto: null,
});
