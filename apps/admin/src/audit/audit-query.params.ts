import { cursorBigintText, decodePageCursor, encodePageCursor, type FieldError } from '@leadscore/contracts';
import { parsePageLimit } from '@leadscore/http';
import { type OpsAuditFilter } from '@leadscore/persistence';
import { isAuditKind, AUDIT_KINDS } from './audit-kinds';

export type AuditQueryParsed = { ok: true; filter: OpsAuditFilter } | { ok: false; errors: FieldError[] };

/** `GET /v1/audit?cursor=&limit=&tokenId=&kind=&from=&to=`: every bad parameter named at once. */
export function parseAuditQuery(query: Record<string, unknown>): AuditQueryParsed {
  const errors: FieldError[] = [];
  const limit = parsePageLimit(query.limit, 100);
  if (typeof limit !== 'number') errors.push(limit);
  const cursor = optionalString(query.cursor);
  const afterId = cursor === null ? null : decodeAuditCursor(cursor);
  if (cursor !== null && afterId === null) errors.push({ path: 'cursor', message: 'not a cursor of this list' });
  const tokenId = optionalString(query.tokenId);
  if (tokenId !== null && tokenId.length > 64) errors.push({ path: 'tokenId', message: 'tokenId is at most 64 characters' });
  const kind = optionalString(query.kind);
  if (kind !== null && !isAuditKind(kind)) errors.push({ path: 'kind', message: `kind must be one of: ${AUDIT_KINDS.join(', ')}` });
  const from = optionalTime(query.from, 'from', errors);
  const to = optionalTime(query.to, 'to', errors);
  if (errors.length > 0 || typeof limit !== 'number') return { ok: false, errors };
  return { ok: true, filter: { afterId, tokenId, kind, from, to, limit } };
}

export function encodeAuditCursor(id: string): string {
  return encodePageCursor(id);
}

function decodeAuditCursor(text: string): string | null {
  return decodePageCursor(text, cursorBigintText);
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function optionalTime(value: unknown, path: string, errors: FieldError[]): Date | null {
  if (value === undefined || value === '') return null;
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  if (time === null || Number.isNaN(time.getTime())) {
    errors.push({ path, message: `${path} must be an ISO-8601 date-time` });
    return null;
  }
  return time;
}
