import { type PoolClient } from 'pg';
import { inTransaction } from '../transactions';
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
  /** Fences this claim: only the holder of the latest claim's token can record an outcome. */
  leaseToken: string;
}

export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  /** Most deliveries of one team leased at once (across workers), so a slow receiver takes only its share. */
  perTeam: number;
}

/**
 * Claims up to `limit` due deliveries with FOR UPDATE SKIP LOCKED and leases them for `leaseMs`
 * under a fresh token (each team's oldest first, teams taken from routing_teams), so several
 * workers never send the same one at once, a crashed worker's
 * lease runs out, and no team holds more than `perTeam` leases.
 */
export async function claimDueDeliveries(db: Queryable, options: ClaimOptions): Promise<DueDelivery[]> {
  if (options.limit <= 0) return [];
  const result = await db.query<{
    id: string; handoff_id: string; team_id: string; url: string; body: string; attempts: number; first_attempt_at: Date | null; lease_token: string;
  }>(
    `WITH picked AS (
       SELECT d.id FROM webhook_deliveries d
        WHERE d.id IN (
          SELECT c.id FROM routing_teams t
           CROSS JOIN LATERAL (SELECT count(*)::int AS leased FROM webhook_deliveries b
                                WHERE b.team_id = t.team_id AND b.status = 'pending' AND b.lease_until >= now()) busy
           CROSS JOIN LATERAL (
             SELECT w.id, w.next_attempt_at, row_number() OVER (ORDER BY w.next_attempt_at) AS slot
               FROM (SELECT id, next_attempt_at FROM webhook_deliveries
                      WHERE team_id = t.team_id AND status = 'pending' AND next_attempt_at <= now()
                        AND (lease_until IS NULL OR lease_until < now())
                      ORDER BY next_attempt_at LIMIT $3::int) w
           ) c
           WHERE c.slot + busy.leased <= $3::int
           ORDER BY c.next_attempt_at LIMIT $1::int)
          AND d.status = 'pending' AND (d.lease_until IS NULL OR d.lease_until < now())
        FOR UPDATE SKIP LOCKED
     )
     UPDATE webhook_deliveries d SET lease_until = now() + ($2::int * interval '1 millisecond'), lease_token = gen_random_uuid()
       FROM picked WHERE d.id = picked.id
     RETURNING d.id, d.handoff_id, d.team_id, d.url, d.body, d.attempts, d.first_attempt_at, d.lease_token`,
    [options.limit, options.leaseMs, options.perTeam],
  );
  return result.rows.map((row) => ({
    id: row.id, handoffId: row.handoff_id, teamId: row.team_id, url: row.url, body: row.body, attempts: row.attempts,
    firstAttemptAt: row.first_attempt_at, leaseToken: row.lease_token,
  }));
}

export type AttemptRecord =
  | { kind: 'delivered'; statusCode: number }
  | { kind: 'retry'; statusCode: number | null; error: string; retryInMs: number }
  | { kind: 'failed'; statusCode: number | null; error: string };

/**
 * Records one attempt and moves the delivery (and its handoff) to its next state, in one transaction,
 * only if `claim.leaseToken` is still the delivery's: an attempt that outlived its lease (the delivery
 * was claimed again, redelivered or finished since) records nothing and gets false.
 */
export async function recordAttempt(db: PoolClient, claim: { id: string; leaseToken: string }, attempt: AttemptRecord): Promise<boolean> {
  return inTransaction(db, async () => {
    const status: HandoffStatus = attempt.kind === 'delivered' ? 'delivered' : attempt.kind === 'failed' ? 'failed' : 'pending';
    const result = await db.query<{ handoff_id: string }>(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, now()), lease_until = NULL, lease_token = NULL,
              status = $2::varchar, last_status_code = $3, last_error = $4,
              next_attempt_at = now() + ($5::int * interval '1 millisecond'),
              delivered_at = CASE WHEN $2::varchar = 'delivered' THEN now() ELSE NULL END
        WHERE id = $1 AND lease_token = $6 AND status = 'pending' RETURNING handoff_id`,
      [claim.id, status, attempt.statusCode, attempt.kind === 'delivered' ? null : attempt.error, attempt.kind === 'retry' ? attempt.retryInMs : 0, claim.leaseToken],
    );
    if (result.rows[0]) await db.query(`UPDATE handoffs SET status = $2 WHERE id = $1`, [result.rows[0].handoff_id, status]);
    return result.rows.length > 0;
  });
}

/** Sends a delivery again from the start (same delivery id, so receivers still dedupe). False when there is none. */
export async function resetDelivery(db: PoolClient, handoffId: string): Promise<boolean> {
  return inTransaction(db, () => resetDeliveryWithin(db, handoffId));
}

/** resetDelivery inside the caller's transaction (the ops API's, which appends its audit entry in the same one). */
export async function resetDeliveryWithin(db: Queryable, handoffId: string): Promise<boolean> {
  const result = await db.query(
    `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = now(), lease_until = NULL, lease_token = NULL
      WHERE handoff_id = $1`,
    [handoffId],
  );
  if (result.rowCount) await db.query(`UPDATE handoffs SET status = 'pending' WHERE id = $1`, [handoffId]);
  return (result.rowCount ?? 0) > 0;
}
