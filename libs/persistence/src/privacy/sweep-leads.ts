import { type Pool } from 'pg';
import { withTransaction } from '../transactions';

/** Rows removed per table by one sweep. */
export type SweepCounts = Record<string, number>;

/** `busy`: a replay or simulation is running; it could write back what it read, so try later. */
export type SweepOutcome = { kind: 'swept'; deleted: SweepCounts } | { kind: 'busy' };

// Children before parents (webhook_deliveries references handoffs).
const DELETES: Array<[table: string, sql: string]> = [
  ['webhook_deliveries', 'DELETE FROM webhook_deliveries WHERE handoff_id IN (SELECT id FROM handoffs WHERE lead_id = ANY($1))'],
  ['handoffs', 'DELETE FROM handoffs WHERE lead_id = ANY($1)'],
  ['parked_promotions', 'DELETE FROM parked_promotions WHERE lead_id = ANY($1)'],
  ['simulation_leads', 'DELETE FROM simulation_leads WHERE lead_id = ANY($1)'],
  ['score_audit', 'DELETE FROM score_audit WHERE lead_id = ANY($1)'],
  ['lead_win_probabilities', 'DELETE FROM lead_win_probabilities WHERE lead_id = ANY($1)'],
  ['lead_projections', 'DELETE FROM lead_projections WHERE lead_id = ANY($1)'],
  ['identity_forwardings', 'DELETE FROM identity_forwardings WHERE from_lead = ANY($1) OR into_lead = ANY($1)'],
  ['lead_events', 'DELETE FROM lead_events WHERE lead_id = ANY($1)'],
  // A finished simulation's top movers name leads: the erased ones leave the list.
  ['simulations', `UPDATE simulations SET result = jsonb_set(result, '{topMovers}', (
      SELECT coalesce(jsonb_agg(m ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(result->'topMovers') WITH ORDINALITY AS t(m, n)
      WHERE NOT (m->>'leadId' = ANY($1))))
    WHERE jsonb_typeof(result->'topMovers') = 'array'
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(result->'topMovers') m WHERE m->>'leadId' = ANY($1))`],
];

/**
 * Deletes every row of these leads, in one transaction. It first locks their identity forwardings
 * (the history forwarder finishes the page it holds) and projection rows (every generation: a
 * scoring batch folding one of them waits, then finds no state and its event starts a new lead;
 * the win-probability refresher's write waits too, then stores nothing for them).
 * Replays and simulations are held off by a SHARE lock on their tables (starting one inserts).
 */
export async function sweepLeads(pool: Pool, leadIds: string[]): Promise<SweepOutcome> {
  return withTransaction(pool, async (client): Promise<SweepOutcome> => {
    await client.query('LOCK TABLE replays, simulations IN SHARE MODE');
    const running = await client.query(
      `SELECT 1 FROM replays WHERE status IN ('running', 'catching_up') UNION ALL SELECT 1 FROM simulations WHERE status = 'running' LIMIT 1`,
    );
    // Nothing written yet: committing only lets the SHARE lock go.
    if (running.rows.length > 0) return { kind: 'busy' };
    // Forwardings first: the forwarder holds its row while it waits for the worker to store its
    // page, and the worker may need a projection row of ours; the other order could wait on both.
    await client.query('SELECT 1 FROM identity_forwardings WHERE from_lead = ANY($1) OR into_lead = ANY($1) FOR UPDATE', [leadIds]);
    await client.query('SELECT 1 FROM lead_projections WHERE lead_id = ANY($1) FOR UPDATE', [leadIds]);
    const deleted: SweepCounts = {};
    for (const [table, sql] of DELETES) deleted[table] = (await client.query(sql, [leadIds])).rowCount ?? 0;
    return { kind: 'swept', deleted };
  });
}
