import { type Pool } from 'pg';
import { toStoredEvent } from '@leadscore/persistence';
import { toScoringEvent } from '@leadscore/projection';
import { type ScoringEvent } from '@leadscore/scoring';

export interface OutcomeLead {
  leadId: string;
  won: boolean;
  /** Epoch ms of the outcome: becoming a customer (won), or the latest lost / disqualified. */
  outcomeAt: number;
}

// The live projection's leads whose outcome (libs/scoring milestones.ts) falls in the window:
// won = customer with a won, lost = lost or disqualified. Merged ids are carried by their target.
const OUTCOMES_SQL = `
  SELECT lead_id, outcome, outcome_at FROM (
    SELECT p.lead_id, p.outcome,
           CASE WHEN p.outcome = 'won' THEN p.customer_at ELSE GREATEST(p.lost_at, p.disqualified_at) END AS outcome_at
      FROM lead_projections p
     WHERE p.generation = (SELECT generation FROM projection_generations WHERE status = 'live')
       AND p.outcome IS NOT NULL AND p.merged_into IS NULL
  ) o
  WHERE o.outcome_at >= $1 AND o.outcome_at < $2
  ORDER BY lead_id`;

export async function readOutcomeLeads(pool: Pool, window: { from: number; to: number }): Promise<OutcomeLead[]> {
  const result = await pool.query<{ lead_id: string; outcome: 'won' | 'lost'; outcome_at: Date }>(OUTCOMES_SQL, [new Date(window.from), new Date(window.to)]);
  return result.rows.map((row) => ({ leadId: row.lead_id, won: row.outcome === 'won', outcomeAt: row.outcome_at.getTime() }));
}

const EVENTS_SQL = `
  SELECT seq, event_id, lead_id, type, occurred_at, received_at, source, properties, traits, source_key_id, producer
    FROM lead_events WHERE lead_id = ANY($1::varchar[]) ORDER BY lead_id, seq`;

/** The events of a few leads (a chunk), each lead's in log order. */
export async function readEventsOfLeads(pool: Pool, leadIds: readonly string[]): Promise<Map<string, ScoringEvent[]>> {
  const result = await pool.query(EVENTS_SQL, [leadIds]);
  const byLead = new Map<string, ScoringEvent[]>(leadIds.map((id) => [id, []]));
  for (const row of result.rows) byLead.get(row.lead_id)?.push(toScoringEvent(toStoredEvent(row)));
  return byLead;
}
