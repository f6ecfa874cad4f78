import { type PoolClient } from 'pg';
import { toStoredEvent, type StoredEvent } from '@leadscore/persistence';

const READ_SQL = `
  SELECT seq, event_id, lead_id, type, occurred_at, received_at, source, properties, traits, source_key_id, producer
  FROM lead_events WHERE seq > $1 AND ($2::bigint IS NULL OR seq <= $2) ORDER BY seq LIMIT $3`;

/** The store in seq order, read the plain way: the oracle the bulk page readers are checked against. */
export async function readEventsAfter(
  client: Pick<PoolClient, 'query'>,
  options: { afterSeq: string; uptoSeq?: string | null; limit: number },
): Promise<StoredEvent[]> {
  const result = await client.query(READ_SQL, [options.afterSeq, options.uptoSeq ?? null, options.limit]);
  return result.rows.map(toStoredEvent);
}
