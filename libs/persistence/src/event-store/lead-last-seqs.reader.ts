import { type PoolClient } from 'pg';

export interface LeadLastSeqs {
  /** Per lead, the seq of its last event up to the bound. */
  lastSeqs: Map<string, string>;
  /** Events up to the bound. */
  total: number;
}

const LAST_SEQS_SQL = `SELECT lead_id, max(seq)::text AS last_seq, count(*)::int AS events FROM lead_events WHERE seq <= $1 GROUP BY lead_id`;

/**
 * Every lead's last event up to `uptoSeq` (inclusive), and the number of events: a replay folding
 * the store up to there knows when it has seen a lead's last one, and can write its projection
 * then rather than all at the end. One scan of the store (~0.1 s for 300k events).
 */
export async function readLeadLastSeqs(db: Pick<PoolClient, 'query'>, uptoSeq: string): Promise<LeadLastSeqs> {
  const result = await db.query<{ lead_id: string; last_seq: string; events: number }>(LAST_SEQS_SQL, [uptoSeq]);
  const lastSeqs = new Map<string, string>();
  let total = 0;
  for (const row of result.rows) {
    lastSeqs.set(row.lead_id, row.last_seq);
    total += row.events;
  }
  return { lastSeqs, total };
}
