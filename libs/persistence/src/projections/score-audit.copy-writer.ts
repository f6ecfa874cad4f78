import { GenerationCopy } from './copy-rows';
import { copyJson, copyJsonArray, copyNullableText, copyNumber, copyText } from './copy-text';
import { type AuditRow } from './projection-rows';

/**
 * The replay's writer of audit rows: the rows `insertAuditRows` writes, by COPY (a fraction of its
 * time in PostgreSQL: no JSON document to expand, no ON CONFLICT probe). For a generation being
 * built, whose seqs are each written once: a repeated seq fails the COPY rather than being skipped.
 */
export const auditRowsCopy = new GenerationCopy<AuditRow>('score_audit', {
  seq: ['seq', copyText],
  eventId: ['event_id', copyText],
  leadId: ['lead_id', copyText],
  ruleVersion: ['rule_version', copyNumber],
  points: ['points', copyNumber],
  reasons: ['reasons', copyJsonArray],
  scoreAfter: ['score_after', copyNumber],
  stageAfter: ['stage_after', copyText],
  stageChange: ['stage_change', copyJson],
  promotion: ['promotion', copyNullableText],
});
