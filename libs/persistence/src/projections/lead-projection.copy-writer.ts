import { GenerationCopy } from './copy-rows';
import { COPY_NULL, copyJson, copyNullableText, copyNumber, copyText, copyTimestamp } from './copy-text';
import { type ProjectionRow } from './projection-rows';

/**
 * The replay's writer of projections of leads that have no row yet in the generation it builds:
 * the rows `upsertProjections` writes, by COPY (no JSON document to expand, no conflict to
 * resolve; `updated_at` takes its default, now()). A lead that has a row already fails the COPY:
 * those go through `upsertProjections`.
 */
export const newProjectionsCopy = new GenerationCopy<ProjectionRow>('lead_projections', {
  leadId: ['lead_id', copyText],
  score: ['score', copyNumber],
  fitScore: ['fit_score', copyNumber],
  engagementScore: ['engagement_score', copyNumber],
  grade: ['grade', copyText],
  stage: ['stage', copyText],
  ruleVersion: ['rule_version', copyNumber],
  eventCount: ['event_count', copyNumber],
  firstSeenAt: ['first_seen_at', copyTimestamp],
  lastActivityAt: ['last_activity_at', copyTimestamp],
  lastSeq: ['last_seq', copyText],
  source: ['source', copyNullableText],
  mqlAt: ['mql_at', copyTimestamp],
  sqlAt: ['sql_at', copyTimestamp],
  opportunityAt: ['opportunity_at', copyTimestamp],
  customerAt: ['customer_at', copyTimestamp],
  lostAt: ['lost_at', copyTimestamp],
  disqualifiedAt: ['disqualified_at', copyTimestamp],
  revenue: ['revenue', copyNullableNumber],
  outcome: ['outcome', copyNullableText],
  outcomePeakScore: ['outcome_peak_score', copyNullableNumber],
  mergedInto: ['merged_into', copyNullableText],
  traits: ['traits', copyJson],
  state: ['state', copyJson],
});

function copyNullableNumber(value: number | null): string {
  return value === null ? COPY_NULL : copyNumber(value);
}
