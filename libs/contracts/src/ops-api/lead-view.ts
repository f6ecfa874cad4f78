import { type LeadStanding } from '../lead-standing';

/** The lead view of the ops API (docs/ops-api.md "Leads"), as the admin answers it and the CLI reads it. */
export interface LeadView extends LeadStanding {
  owner: { team: string; member: string | null } | null;
  ruleVersion: number;
  eventCount: number;
  firstSeenAt: string | null;
  lastActivityAt: string | null;
  traits: Record<string, unknown>;
  /** Set when this id was merged into a known lead (alias/identify): that lead carries it on. */
  mergedInto: string | null;
  /** First-touch source, and when the lead first reached each stage (docs/ops-api.md "Insights"). */
  source: string | null;
  milestones: Milestones;
  /** The latest won amount, in the installation's currency; null when none. */
  revenue: number | null;
  /**
   * With an active model (docs/learned-scoring.md): its win probability of the lead, 0–1, and its id.
   * In the lead list, the stored one: null until the admin's refresher has computed it.
   */
  winProbability?: number | null;
  modelId?: string;
}

export interface Milestones {
  mqlAt: string | null;
  sqlAt: string | null;
  opportunityAt: string | null;
  customerAt: string | null;
  lostAt: string | null;
  disqualifiedAt: string | null;
}
