import { type Pool } from 'pg';

/** Every lead's live score and event count, plus totals of the store and the audit trail. */
export async function readLeadCounts(pool: Pool) {
  const leads = await pool.query<{ lead_id: string; score: number; event_count: number }>(
    `SELECT p.lead_id, p.score::float8 AS score, p.event_count FROM lead_projections p
     JOIN projection_generations g ON g.generation = p.generation AND g.status = 'live'`,
  );
  const totals = await pool.query<{ stored: string; audited: string }>(
    `SELECT (SELECT count(*) FROM lead_events) AS stored, (SELECT count(*) FROM score_audit) AS audited`,
  );
  return {
    byLead: new Map(leads.rows.map((row) => [row.lead_id, { score: row.score, eventCount: row.event_count }])),
    stored: Number(totals.rows[0].stored),
    audited: Number(totals.rows[0].audited),
  };
}
