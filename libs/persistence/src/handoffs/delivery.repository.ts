import { type PoolClient } from 'pg';
import { type HandoffStatus } from './handoff.repository';

type Queryable = Pick<PoolClient, 'query'>;

export interface DueDelivery {
  id: string;
  handoffId: string;
  teamId: string;
  url: string;
  body: string;
  attempts: number;
  firstAttemptAt: Date | null;
}

/**
 * Claims up to `limit` due deliveries with FOR UPDATE SKIP LOCKED and leases them for `leaseMs`,
 * so several workers never send the same one at once and a crashed worker's lease runs out.
 */
export async function claimDueDeliveries(db: Queryable, limit: number, leaseMs: number): Promise<DueDelivery[]> {
  const result = await db.query<{ id: string; handoff_id: string; team_id: string; url: string; body: string; attempts: number; first_attempt_at: Date | null }>(
    `UPDATE webhook_deliveries d SET lease_until = now() + ($2::int * interval '1 millisecond')
      WHERE d.id IN (SELECT id FROM webhook_deliveries
                      WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.handoff_id, d.team_id, d.url, d.body, d.attempts, d.first_attempt_at`,
    [limit, leaseMs],
  );
  return result.rows.map((row) => ({
    id: row.id, handoffId: row.handoff_id, teamId: row.team_id, url: row.url, body: row.body, attempts: row.attempts, firstAttemptAt: row.first_attempt_at,
  }));
}

export type AttemptRecord =
  | { kind: 'delivered'; statusCode: number }
  | { kind: 'retry'; statusCode: number | null; error: string; retryInMs: number }
  | { kind: 'failed'; statusCode: number | null; error: string };

/** Records one attempt and moves the delivery (and its handoff) to its next state, in one transaction. */
export async function recordAttempt(db: PoolClient, deliveryId: string, attempt: AttemptRecord): Promise<void> {
  await db.query('BEGIN');
  try {
    const status: HandoffStatus = attempt.kind === 'delivered' ? 'delivered' : attempt.kind === 'failed' ? 'failed' : 'pending';
    const result = await db.query<{ handoff_id: string }>(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, now()), lease_until = NULL,
              status = $2::varchar, last_status_code = $3, last_error = $4,
              next_attempt_at = now() + ($5::int * interval '1 millisecond'),
              delivered_at = CASE WHEN $2::varchar = 'delivered' THEN now() ELSE NULL END
        WHERE id = $1 RETURNING handoff_id`,
      [deliveryId, status, attempt.statusCode, attempt.kind === 'delivered' ? null : attempt.error, attempt.kind === 'retry' ? attempt.retryInMs : 0],
    );
    if (result.rows[0]) await db.query(`UPDATE handoffs SET status = $2 WHERE id = $1`, [result.rows[0].handoff_id, status]);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Sends a delivery again from the start (same delivery id, so receivers still dedupe). False when there is none. */
export async function resetDelivery(db: PoolClient, handoffId: string): Promise<boolean> {
  await db.query('BEGIN');
  try {
    const result = await db.query(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = now(), lease_until = NULL
        WHERE handoff_id = $1`,
      [handoffId],
    );
    if (result.rowCount) await db.query(`UPDATE handoffs SET status = 'pending' WHERE id = $1`, [handoffId]);
    await db.query('COMMIT');
    return (result.rowCount ?? 0) > 0;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
