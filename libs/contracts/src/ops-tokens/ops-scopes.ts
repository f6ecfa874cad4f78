/**
 * What an ops API token may do, one scope per kind of power (least privilege): a CRM integration
 * holds `feedback:write`, a BI tool `insights:read`, a rule editor `rules:write`. Every ops route
 * declares exactly one of these; the bootstrap `ADMIN_TOKEN` holds them all.
 */
export const OPS_SCOPES = [
  'leads:read',
  'insights:read',
  'feedback:write',
  'rules:write',
  'rules:activate',
  'routing:write',
  'sources:write',
  'dlq:write',
  'privacy:write',
  'tokens:admin',
] as const;

export type OpsScope = (typeof OPS_SCOPES)[number];

const KNOWN = new Set<string>(OPS_SCOPES);

export function isOpsScope(value: unknown): value is OpsScope {
  return typeof value === 'string' && KNOWN.has(value);
}
