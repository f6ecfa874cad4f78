import { type PoolClient } from 'pg';

type Queryable = Pick<PoolClient, 'query'>;

export interface ParkedPromotion<M> {
  id: string;
  message: M;
}

/**
 * Parks promotions whose cause event is not committed yet (or whose lead has an earlier one parked),
 * so the consumer can commit its offsets and go on; the same (lead, promotion, cause) parks once.
 */
export async function parkPromotions(
  db: Queryable, promotions: Array<{ leadId: string; promotion: string; causeEventId: string; message: unknown }>,
): Promise<void> {
  if (promotions.length === 0) return;
  await db.query(
    `INSERT INTO parked_promotions (lead_id, promotion, cause_event_id, message)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::jsonb[])
     ON CONFLICT (lead_id, promotion, cause_event_id) DO NOTHING`,
    [promotions.map((p) => p.leadId), promotions.map((p) => p.promotion), promotions.map((p) => p.causeEventId),
      promotions.map((p) => JSON.stringify(p.message))],
  );
}

/** Which of these leads have a promotion parked (their later promotions wait behind it, in order). */
export async function leadsWithParkedPromotions(db: Queryable, leadIds: string[]): Promise<Set<string>> {
  if (leadIds.length === 0) return new Set();
  const result = await db.query<{ lead_id: string }>(
    `SELECT DISTINCT lead_id FROM parked_promotions WHERE status = 'parked' AND lead_id = ANY($1::varchar[])`, [leadIds],
  );
  return new Set(result.rows.map((row) => row.lead_id));
}

/**
 * Locks (SKIP LOCKED) up to `limit` parked promotions that can go now: the cause event is committed
 * and no earlier promotion of the same lead is still parked. Call inside a transaction.
 */
export async function lockResolvablePromotions<M>(db: Queryable, limit: number): Promise<Array<ParkedPromotion<M>>> {
  const result = await db.query<{ id: string; message: M }>(
    `SELECT p.id, p.message FROM parked_promotions p
      WHERE p.status = 'parked'
        AND EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = p.lead_id AND e.event_id = p.cause_event_id)
        AND NOT EXISTS (SELECT 1 FROM parked_promotions q WHERE q.lead_id = p.lead_id AND q.status = 'parked' AND q.id < p.id)
      ORDER BY p.id LIMIT $1 FOR UPDATE OF p SKIP LOCKED`,
    [limit],
  );
  return result.rows.map((row) => ({ id: row.id, message: row.message }));
}

export async function deleteParkedPromotions(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.query(`DELETE FROM parked_promotions WHERE id = ANY($1::bigint[])`, [ids]);
}

/**
 * Marks `abandoned` (kept, no longer blocking its lead) the promotions parked longer than `afterMs`
 * whose cause never committed: their scoring batch was dead-lettered, so no handoff is owed.
 */
export async function abandonStalePromotions(db: Queryable, afterMs: number): Promise<number> {
  const result = await db.query(
    `UPDATE parked_promotions p SET status = 'abandoned'
      WHERE p.status = 'parked' AND p.parked_at < now() - ($1::bigint * interval '1 millisecond')
        AND NOT EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = p.lead_id AND e.event_id = p.cause_event_id)`,
    [afterMs],
  );
  return result.rowCount ?? 0;
}
