import { type Pool, type PoolClient } from 'pg';

type Queryable = Pick<Pool | PoolClient, 'query'>;

/** Ids, versions, counts: what changed, never a secret or personal data. */
export type AuditDetails = Record<string, string | number | boolean | null | string[] | number[]>;

export interface OpsAuditAppend {
  tokenId: string;
  tokenName: string;
  requestId: string;
  kind: string;
  details: AuditDetails;
}

export interface OpsAuditEntry extends OpsAuditAppend {
  id: string;
  at: Date;
}

export interface OpsAuditFilter {
  afterId: string | null;
  tokenId: string | null;
  kind: string | null;
  from: Date | null;
  to: Date | null;
  limit: number;
}

/** Appends one entry: call it with the client of the change's own transaction. */
export async function appendOpsAudit(db: Queryable, entry: OpsAuditAppend): Promise<void> {
  await db.query(
    `INSERT INTO ops_audit (token_id, token_name, request_id, kind, details) VALUES ($1, $2, $3, $4, $5)`,
    [entry.tokenId, entry.tokenName, entry.requestId, entry.kind, JSON.stringify(entry.details)],
  );
}

/** Entries oldest first after `afterId`, filtered by token, kind and time (`from` inclusive, `to` exclusive). */
export async function readOpsAudit(db: Queryable, filter: OpsAuditFilter): Promise<OpsAuditEntry[]> {
  const { rows } = await db.query<{ id: string; at: Date; token_id: string; token_name: string; request_id: string; kind: string; details: OpsAuditAppend['details'] }>(
    `SELECT id::text AS id, at, token_id, token_name, request_id, kind, details FROM ops_audit
     WHERE ($1::bigint IS NULL OR id > $1::bigint) AND ($2::varchar IS NULL OR token_id = $2) AND ($3::varchar IS NULL OR kind = $3)
       AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)
     ORDER BY ops_audit.id LIMIT $6`,
    [filter.afterId, filter.tokenId, filter.kind, filter.from, filter.to, filter.limit],
  );
  return rows.map((row) => ({ id: row.id, at: row.at, tokenId: row.token_id, tokenName: row.token_name, requestId: row.request_id, kind: row.kind, details: row.details }));
}
