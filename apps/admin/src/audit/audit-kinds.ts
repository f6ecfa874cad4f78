/** Every kind of change the ops API records in `ops_audit`, one per kind of change. */
export const AUDIT_KINDS = [
  'rule_set.created',
  'rule_set.activated',
  'replay.started',
  'simulation.started',
  'model.training_started',
  'model.activated',
  'routing.version_created',
  'routing.secret_rotated',
  'source.created',
  'source.changed',
  'source.revoked',
  'token.created',
  'token.revoked',
  'dlq.redriven',
  'feedback.recorded',
  'handoff.redelivery_requested',
  'lead.erasure_requested',
  'insight_cost.set',
] as const;

export type AuditKind = (typeof AUDIT_KINDS)[number];

export function isAuditKind(value: unknown): value is AuditKind {
  return typeof value === 'string' && (AUDIT_KINDS as readonly string[]).includes(value);
}
