import { type Pool } from 'pg';

/**
 * Every lead's live score and event count, plus totals of the store and the audit trail, all read
 * in ONE statement, hence one snapshot: read separately, a batch committing between the two reads
 * gave totals that already counted it and projections that did not yet show it.
 */
export async function readLeadCounts(pool: Pool) {
  const result = await pool.query<{ lead_id: string | null; score: number | null; event_count: number | null; stored: string; audited: string }>(
    `SELECT p.lead_id, p.score::float8 AS score, p.event_count, t.stored, t.audited
       FROM (SELECT (SELECT count(*) FROM lead_events) AS stored, (SELECT count(*) FROM score_audit) AS audited) t
       LEFT JOIN (
         SELECT p.lead_id, p.score, p.event_count FROM lead_projections p
           JOIN projection_generations g ON g.generation = p.generation AND g.status = 'live'
       ) p ON true`,
  );
  const leads = result.rows.filter((row) => row.lead_id !== null);
  return {
    byLead: new Map(leads.map((row) => [row.lead_id!, { score: row.score!, eventCount: row.event_count! }])),
    stored: Number(result.rows[0].stored),
    audited: Number(result.rows[0].audited),
  };
}
