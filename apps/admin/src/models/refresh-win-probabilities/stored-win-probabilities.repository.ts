import { type Pool } from 'pg';
import { type StoredEvent, toStoredEvent } from '@leadscore/persistence';

/** A listed lead whose stored probability is missing, another model's, or older than its projection. */
export interface StaleLead {
  leadId: string;
  /** The projection's last folded event: the probability is computed from the events up to it. */
  lastSeq: string;
  /** How many events the lead has (its projection's count): what reading its history costs. */
  eventCount: number;
}

export interface ComputedWinProbability extends Pick<StaleLead, 'leadId' | 'lastSeq'> {
  winProbability: number;
}

// A window of the live generation in lead_id order after $2 (a range of its primary key, so each
// pass walks the projections once), of which the leads the list shows (merged ids left out) whose
// row is missing, another model's ($1) or older than the projection. The window's last id comes back
// too, so the next window starts after it even when none of this one was stale.
const STALE_SQL = `
  WITH scanned AS (
    SELECT lead_id, last_seq, event_count, merged_into FROM lead_projections
     WHERE generation = (SELECT generation FROM projection_generations WHERE status = 'live') AND lead_id > $2
     ORDER BY lead_id
     LIMIT $3
  )
  SELECT p.lead_id, p.last_seq::text AS last_seq, p.event_count, p.merged_into IS NULL
         AND NOT EXISTS (SELECT 1 FROM lead_win_probabilities w WHERE w.lead_id = p.lead_id AND w.model_id = $1 AND w.last_seq >= p.last_seq) AS stale
    FROM scanned p
   ORDER BY p.lead_id`;

// Every lead of a batch in one query, each up to its own last_seq.
const EVENTS_SQL = `
  SELECT e.seq, e.event_id, e.lead_id, e.type, e.occurred_at, e.received_at, e.source, e.properties, e.traits, e.source_key_id, e.producer
    FROM unnest($1::varchar[], $2::bigint[]) AS b(lead_id, last_seq)
    JOIN lead_events e ON e.lead_id = b.lead_id AND e.seq <= b.last_seq
   ORDER BY e.lead_id, e.seq`;

// FOR KEY SHARE waits for an erasure holding the lead's projection rows (FOR UPDATE, sweepLeads) and
// then finds them gone, so an erased lead gets no row back; scoring's updates (FOR NO KEY UPDATE) do
// not wait for it. A row is only overwritten by a computation from as many events or more.
const STORE_SQL = `
  WITH held AS (
    SELECT lead_id FROM lead_projections
     WHERE generation = (SELECT generation FROM projection_generations WHERE status = 'live') AND lead_id = ANY($1::varchar[])
     FOR KEY SHARE
  )
  INSERT INTO lead_win_probabilities (lead_id, model_id, win_probability, last_seq, computed_at)
  SELECT b.lead_id, $4::uuid, b.win_probability, b.last_seq, now()
    FROM unnest($1::varchar[], $2::float8[], $3::bigint[]) AS b(lead_id, win_probability, last_seq)
   WHERE b.lead_id IN (SELECT lead_id FROM held)
  ON CONFLICT (lead_id) DO UPDATE
    SET model_id = EXCLUDED.model_id, win_probability = EXCLUDED.win_probability, last_seq = EXCLUDED.last_seq, computed_at = EXCLUDED.computed_at
    WHERE lead_win_probabilities.model_id <> EXCLUDED.model_id OR lead_win_probabilities.last_seq <= EXCLUDED.last_seq`;

/** The stale leads among the next `limit` projections after `afterLeadId`, and the last id looked at (null: none left). */
export async function findStaleLeads(pool: Pool, options: { modelId: string; afterLeadId: string; limit: number }): Promise<{ stale: StaleLead[]; scannedUpTo: string | null }> {
  const result = await pool.query<{ lead_id: string; last_seq: string; event_count: number; stale: boolean }>(STALE_SQL, [options.modelId, options.afterLeadId, options.limit]);
  const last = result.rows[result.rows.length - 1];
  return {
    stale: result.rows.filter((row) => row.stale).map((row) => ({ leadId: row.lead_id, lastSeq: row.last_seq, eventCount: row.event_count })),
    scannedUpTo: result.rows.length < options.limit ? null : last.lead_id,
  };
}

/** The events of each lead up to its lastSeq, in log order, by lead id. */
export async function readStaleLeadEvents(pool: Pool, leads: ReadonlyArray<Pick<StaleLead, 'leadId' | 'lastSeq'>>): Promise<Map<string, StoredEvent[]>> {
  const result = await pool.query(EVENTS_SQL, [leads.map((lead) => lead.leadId), leads.map((lead) => lead.lastSeq)]);
  const byLead = new Map<string, StoredEvent[]>(leads.map((lead) => [lead.leadId, []]));
  for (const row of result.rows) byLead.get(row.lead_id as string)?.push(toStoredEvent(row));
  return byLead;
}

/** Stores the batch's probabilities under `modelId` in one statement; returns how many rows it wrote. */
export async function storeWinProbabilities(pool: Pool, modelId: string, computed: readonly ComputedWinProbability[]): Promise<number> {
  if (computed.length === 0) return 0;
  const result = await pool.query(STORE_SQL, [computed.map((c) => c.leadId), computed.map((c) => c.winProbability), computed.map((c) => c.lastSeq), modelId]);
  return result.rowCount ?? 0;
}

/** Refreshes the planner's statistics of the table (after a pass that rewrote many rows). */
export async function analyzeWinProbabilities(pool: Pool): Promise<void> {
  await pool.query('ANALYZE lead_win_probabilities');
}
