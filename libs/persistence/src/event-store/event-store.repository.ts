import { type PoolClient } from 'pg';
import { eventKeyOf } from './event-key';
import { type NewEvent, type StoredEvent } from './stored-event';

/**
 * Appends a batch in one statement. Rows whose eventId is already stored for their lead are
 * skipped (ON CONFLICT on the lead's key: one partition's index per row), so what comes back is
 * exactly the batch's new events, with seq assigned in batch order (ORDER BY ordinality), sorted by seq.
 * The rows travel as ONE json document expanded by json_to_recordset (JSON null → SQL NULL): the
 * driver writes it with the native JSON.stringify, where ten unnest arrays cost it an escape pass per element.
 */
const APPEND_SQL = `
  INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at, source, properties, traits, source_key_id, producer)
  SELECT e.event_id, e.lead_id, e.type, e.occurred_at, e.received_at, e.source, e.properties, e.traits, e.source_key_id, e.producer
  FROM ROWS FROM (json_to_recordset($1::json) AS (event_id varchar, lead_id varchar, type varchar, occurred_at timestamptz,
         received_at timestamptz, source varchar, properties jsonb, traits jsonb, source_key_id varchar, producer varchar))
       WITH ORDINALITY AS e(event_id, lead_id, type, occurred_at, received_at, source, properties, traits, source_key_id, producer, ord)
  ORDER BY e.ord
  ON CONFLICT (lead_id, event_id) DO NOTHING
  RETURNING seq, lead_id, event_id`;

export async function appendEvents(client: PoolClient, events: NewEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const rows = JSON.stringify(events.map((e) => ({
    event_id: e.eventId,
    lead_id: e.leadId,
    type: e.type,
    occurred_at: e.occurredAt.toISOString(),
    received_at: e.receivedAt.toISOString(),
    source: e.source,
    properties: e.properties,
    traits: e.traits,
    source_key_id: e.sourceKeyId,
    producer: e.producer,
  })));
  const result = await client.query<{ seq: string; lead_id: string; event_id: string }>(APPEND_SQL, [rows]);
  // The first of a key repeated in the batch is the one stored (ordinality order).
  const byKey = new Map<string, NewEvent>();
  for (const event of events) {
    const key = eventKeyOf(event);
    if (!byKey.has(key)) byKey.set(key, event);
  }
  return result.rows
    .map((row) => storedAt(byKey.get(eventKeyOf({ leadId: row.lead_id, eventId: row.event_id }))!, row.seq))
    .sort((a, b) => compareSeq(a.seq, b.seq));
}

/** The event at its position, field by field (one object shape for every stored event). */
function storedAt(event: NewEvent, seq: string): StoredEvent {
  return {
    seq,
    eventId: event.eventId,
    leadId: event.leadId,
    type: event.type,
    occurredAt: event.occurredAt,
    receivedAt: event.receivedAt,
    source: event.source,
    properties: event.properties,
    traits: event.traits,
    sourceKeyId: event.sourceKeyId,
    producer: event.producer,
  };
}

export function compareSeq(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const READ_LEAD_SQL = `
  SELECT seq, event_id, lead_id, type, occurred_at, received_at, source, properties, traits, source_key_id, producer
  FROM lead_events WHERE lead_id = $1 AND ($2::timestamptz IS NULL OR occurred_at <= $2) ORDER BY seq`;

/** One lead's events in log order, optionally only those that happened by `asOf`. */
export async function readLeadEvents(client: Pick<PoolClient, 'query'>, leadId: string, asOf: Date | null = null): Promise<StoredEvent[]> {
  const result = await client.query(READ_LEAD_SQL, [leadId, asOf?.toISOString() ?? null]);
  return result.rows.map(toStoredEvent);
}

// Keyset on (lead_id, seq): an index scan of the primary key lead_events_pkey from where the last page stopped.
const READ_HISTORY_PAGE_SQL = `
  SELECT seq, event_id, lead_id, type, occurred_at, received_at, source, properties, traits, source_key_id, producer
  FROM lead_events WHERE lead_id = $1 AND seq > $2 AND seq < $3 AND type <> ALL($4::varchar[]) ORDER BY seq LIMIT $5`;

/**
 * A page of one lead's events after `afterSeq` and before `beforeSeq`, in log order, leaving out
 * the given types: a merge's history, read a page at a time so that no history is held whole.
 */
export async function readLeadHistoryPage(
  client: Pick<PoolClient, 'query'>,
  options: { leadId: string; afterSeq: string; beforeSeq: string; exceptTypes: readonly string[]; limit: number },
): Promise<StoredEvent[]> {
  const { leadId, afterSeq, beforeSeq, exceptTypes, limit } = options;
  const result = await client.query(READ_HISTORY_PAGE_SQL, [leadId, afterSeq, beforeSeq, exceptTypes, limit]);
  return result.rows.map(toStoredEvent);
}

/** A lead_events row (every column, snake_case) as the event it stores. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row, typed field by field below
export function toStoredEvent(row: Record<string, any>): StoredEvent {
  return {
    seq: row.seq,
    eventId: row.event_id,
    leadId: row.lead_id,
    type: row.type,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    source: row.source,
    properties: row.properties,
    traits: row.traits,
    sourceKeyId: row.source_key_id,
    producer: row.producer,
  };
}
