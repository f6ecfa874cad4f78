import { type Pool, type PoolClient } from 'pg';

type Queryable = Pick<Pool | PoolClient, 'query'>;

/** Ids, versions, counts: what changed, never a secret or personal data. */
export type AuditDetails = Record<string, string | number | boolean | null | string[] | number[]>;

/** One entry as read back; the admin's audit trail writes them (`OpsAuditEntity`, in the change's own transaction). */
export interface OpsAuditEntry {
  id: string;
  at: Date;
  tokenId: string;
  tokenName: string;
  requestId: string;
  kind: string;
  details: AuditDetails;
}

export interface OpsAuditFilter {
  afterId: string | null;
  tokenId: string | null;
  kind: string | null;
  from: Date | null;
  to: Date | null;
  limit: number;
}

/** Entries oldest first after `afterId`, filtered by token, kind and time (`from` inclusive, `to` exclusive). */
export async function readOpsAudit(db: Queryable, filter: OpsAuditFilter): Promise<OpsAuditEntry[]> {
  const { rows } = await db.query<{ id: string; at: Date; token_id: string; token_name: string; request_id: string; kind: string; details: AuditDetails }>(
    `SELECT id::text AS id, at, token_id, token_name, request_id, kind, details FROM ops_audit
     WHERE ($1::bigint IS NULL OR id > $1::bigint) AND ($2::varchar IS NULL OR token_id = $2) AND ($3::varchar IS NULL OR kind = $3)
       AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)
     ORDER BY ops_audit.id LIMIT $6`,
    [filter.afterId, filter.tokenId, filter.kind, filter.from, filter.to, filter.limit],
  );
  return rows.map((row) => ({ id: row.id, at: row.at, tokenId: row.token_id, tokenName: row.token_name, requestId: row.request_id, kind: row.kind, details: row.details }));
}
