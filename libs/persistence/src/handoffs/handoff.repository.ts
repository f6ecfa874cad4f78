import { type PoolClient } from 'pg';
import { eventKeyOf, type EventKey } from '../event-store/event-key';

type Queryable = Pick<PoolClient, 'query'>;

export type HandoffStatus = 'pending' | 'delivered' | 'failed' | 'unassigned';
export const HANDOFF_STATUSES: readonly HandoffStatus[] = ['pending', 'delivered', 'failed', 'unassigned'];

export interface NewHandoff {
  id: string;
  leadId: string;
  promotion: 'mql' | 'sql';
  causeEventId: string;
  teamId: string | null;
  member: string | null;
  status: HandoffStatus;
  routingVersion: number | null;
  payload: unknown;
}

export interface NewDelivery {
  id: string;
  handoffId: string;
  teamId: string;
  url: string;
  body: string;
}

export async function handoffExists(db: Queryable, key: { leadId: string; promotion: string; causeEventId: string }): Promise<boolean> {
  const result = await db.query(
    `SELECT 1 FROM handoffs WHERE lead_id = $1 AND promotion = $2 AND cause_event_id = $3`, [key.leadId, key.promotion, key.causeEventId],
  );
  return result.rows.length > 0;
}

export async function insertHandoff(db: Queryable, handoff: NewHandoff): Promise<void> {
  await db.query(
    `INSERT INTO handoffs (id, lead_id, promotion, cause_event_id, team_id, member, status, routing_version, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [handoff.id, handoff.leadId, handoff.promotion, handoff.causeEventId, handoff.teamId, handoff.member, handoff.status,
      handoff.routingVersion, JSON.stringify(handoff.payload)],
  );
}

export async function insertDelivery(db: Queryable, delivery: NewDelivery): Promise<void> {
  await db.query(
    `INSERT INTO webhook_deliveries (id, handoff_id, team_id, url, body, status) VALUES ($1, $2, $3, $4, $5, 'pending')`,
    [delivery.id, delivery.handoffId, delivery.teamId, delivery.url, delivery.body],
  );
}

/** The team and member of the lead's latest assigned handoff (the SQL handoff keeps the MQL owner). */
export async function currentOwner(db: Queryable, leadId: string): Promise<{ teamId: string; member: string } | null> {
  const result = await db.query<{ team_id: string; member: string }>(
    `SELECT team_id, member FROM handoffs WHERE lead_id = $1 AND team_id IS NOT NULL ORDER BY created_at DESC, id LIMIT 1`, [leadId],
  );
  return result.rows[0] ? { teamId: result.rows[0].team_id, member: result.rows[0].member } : null;
}

/** Open handoffs per member of a team: leads assigned to them still in sales' hands (mql … opportunity). */
export async function openHandoffCounts(db: Queryable, teamId: string): Promise<Map<string, number>> {
  const result = await db.query<{ member: string; open: string }>(
    `SELECT h.member, count(DISTINCT h.lead_id) AS open
       FROM handoffs h
       JOIN projection_generations g ON g.status = 'live'
       JOIN lead_projections p ON p.generation = g.generation AND p.lead_id = h.lead_id
      WHERE h.team_id = $1 AND p.stage IN ('mql', 'contacted', 'sql', 'opportunity')
      GROUP BY h.member`,
    [teamId],
  );
  return new Map(result.rows.map((row) => [row.member, Number(row.open)]));
}

export interface LeadSnapshot<S> {
  traits: Record<string, unknown>;
  source: string | null;
  state: S | null;
}

/** The live projection's traits and fold state, and the source of the lead's first event that named one. */
export async function leadSnapshot<S>(db: Queryable, leadId: string): Promise<LeadSnapshot<S>> {
  const projection = await db.query<{ traits: Record<string, unknown>; state: S }>(
    `SELECT p.traits, p.state FROM lead_projections p JOIN projection_generations g ON g.generation = p.generation AND g.status = 'live'
      WHERE p.lead_id = $1`, [leadId],
  );
  const source = await db.query<{ source: string }>(
    `SELECT source FROM lead_events WHERE lead_id = $1 AND source IS NOT NULL ORDER BY seq LIMIT 1`, [leadId],
  );
  return { traits: projection.rows[0]?.traits ?? {}, source: source.rows[0]?.source ?? null, state: projection.rows[0]?.state ?? null };
}

// One probe of the lead's key (lead_events_lead_id_event_id_key) per pair; `lead_id = ANY` lets a
// partitioned store prune to the leads' partitions when it plans the statement.
const STORED_EVENTS_SQL = `
  SELECT e.lead_id, e.event_id FROM unnest($1::varchar[], $2::varchar[]) AS k(lead_id, event_id)
    JOIN lead_events e ON e.lead_id = k.lead_id AND e.event_id = k.event_id
   WHERE e.lead_id = ANY($1::varchar[])`;

/** Which of these events are committed in the store, as `eventKeyOf` keys (an eventId is its lead's). */
export async function storedEvents(db: Queryable, events: readonly EventKey[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const result = await db.query<{ lead_id: string; event_id: string }>(STORED_EVENTS_SQL, [events.map((e) => e.leadId), events.map((e) => e.eventId)]);
  return new Set(result.rows.map((row) => eventKeyOf({ leadId: row.lead_id, eventId: row.event_id })));
}
