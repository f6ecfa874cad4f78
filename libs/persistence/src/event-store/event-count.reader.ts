import { type PoolClient } from 'pg';

/** Events stored up to `uptoSeq` (inclusive): a replay's total. An index-only count over the seqs. */
export async function countEventsUpTo(db: Pick<PoolClient, 'query'>, uptoSeq: string): Promise<number> {
  const result = await db.query<{ events: number }>(`SELECT count(*)::int AS events FROM lead_events WHERE seq <= $1`, [uptoSeq]);
  return result.rows[0].events;
}
