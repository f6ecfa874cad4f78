import { type PoolClient } from 'pg';
import { type EventKey } from '../event-store/event-key';

/** A merge whose history is still to be copied: `fromLead`'s events after `afterSeq` and before `markerSeq`. */
export interface IdentityForwarding {
  fromLead: string;
  intoLead: string;
  markerSeq: string;
  afterSeq: string;
  copies: number;
}

export type NewIdentityForwarding = Pick<IdentityForwarding, 'fromLead' | 'intoLead' | 'markerSeq'>;

// The first merge wins: a lead merges once, so a second row for it (a redelivered batch) is skipped.
const INSERT_SQL = `
  INSERT INTO identity_forwardings (from_lead, into_lead, marker_seq)
  SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::bigint[])
  ON CONFLICT (from_lead) DO NOTHING`;

/** Records merges in the batch's transaction, so the job exists exactly when the marker is stored. */
export async function insertIdentityForwardings(client: Pick<PoolClient, 'query'>, rows: readonly NewIdentityForwarding[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(INSERT_SQL, [rows.map((r) => r.fromLead), rows.map((r) => r.intoLead), rows.map((r) => r.markerSeq)]);
}

// SKIP LOCKED: two workers never page the same merge at once. Least recently paged first: every
// page moves updated_at on, so merges take turns and a short one never waits for a long one to end.
const CLAIM_SQL = `
  SELECT from_lead, into_lead, marker_seq, after_seq, copies FROM identity_forwardings
  WHERE finished_at IS NULL ORDER BY updated_at, from_lead LIMIT 1 FOR UPDATE SKIP LOCKED`;

/** The unfinished merge whose turn it is, locked until the caller's transaction ends; null when none is free. */
export async function claimIdentityForwarding(client: Pick<PoolClient, 'query'>): Promise<IdentityForwarding | null> {
  const result = await client.query<{ from_lead: string; into_lead: string; marker_seq: string; after_seq: string; copies: string }>(CLAIM_SQL);
  const row = result.rows[0];
  if (row === undefined) return null;
  return { fromLead: row.from_lead, intoLead: row.into_lead, markerSeq: row.marker_seq, afterSeq: row.after_seq, copies: Number(row.copies) };
}

const ADVANCE_SQL = `
  UPDATE identity_forwardings
  SET after_seq = $2, copies = copies + $3, updated_at = clock_timestamp(), finished_at = CASE WHEN $4 THEN clock_timestamp() END
  WHERE from_lead = $1`;

/** Moves the cursor past a page whose copies Kafka acknowledged; `finished` when nothing is left. */
export async function advanceIdentityForwarding(
  client: Pick<PoolClient, 'query'>,
  page: { fromLead: string; afterSeq: string; copies: number; finished: boolean },
): Promise<void> {
  await client.query(ADVANCE_SQL, [page.fromLead, page.afterSeq, page.copies, page.finished]);
}

/** Unfinished merges: a gauge, and what tests wait on. */
export async function countPendingIdentityForwardings(client: Pick<PoolClient, 'query'>): Promise<number> {
  const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM identity_forwardings WHERE finished_at IS NULL`);
  return Number(result.rows[0].n);
}

/** Whether an event is stored: the forwarder waits for its previous page to be stored before going on. */
export async function isEventStored(client: Pick<PoolClient, 'query'>, event: EventKey): Promise<boolean> {
  const result = await client.query(`SELECT 1 FROM lead_events WHERE lead_id = $1 AND event_id = $2`, [event.leadId, event.eventId]);
  return (result.rowCount ?? 0) > 0;
}
