import { types, type CustomTypesConfig, type PoolClient } from 'pg';
import { type StoredEvent } from './stored-event';

// The columns of a lead_events row, named as StoredEvent names them (so each row is the event), and
// the two times as epoch milliseconds rather than timestamptz text: parsing that text was a
// quarter of a replay's read time. Exact: every time is stored from a JS Date (ms precision), and
// floor() is what the Date parse does below a millisecond.
const PAGE_COLUMNS = `seq, event_id AS "eventId", lead_id AS "leadId", type,
    floor(extract(epoch FROM occurred_at) * 1000)::float8 AS "occurredAt",
    floor(extract(epoch FROM received_at) * 1000)::float8 AS "receivedAt",
    source, properties, traits, source_key_id AS "sourceKeyId", producer`;
const READ_PAGE_SQL = `
  SELECT ${PAGE_COLUMNS}
  FROM lead_events WHERE seq > $1 AND ($2::bigint IS NULL OR seq <= $2) ORDER BY seq LIMIT $3`;

const FLOAT8_OID = 701;
const epochMsToDate = (value: string): Date => new Date(Number(value));
// Only this query's float8 columns are the two times; every other type parses as everywhere else.
const PAGE_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === FLOAT8_OID ? epochMsToDate : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

/**
 * A page of the store in seq order, exactly as a plain `SELECT … ORDER BY seq` gives it (test/support read-events-after.ts is the oracle), read for bulk (a replay's
 * catch-up and switch): rows come out of the driver as the events themselves, times without date parsing.
 */
export async function readEventPage(
  client: Pick<PoolClient, 'query'>,
  options: { afterSeq: string; uptoSeq?: string | null; limit: number },
): Promise<StoredEvent[]> {
  const result = await client.query<StoredEvent>({
    text: READ_PAGE_SQL,
    values: [options.afterSeq, options.uptoSeq ?? null, options.limit],
    types: PAGE_TYPES,
  });
  return result.rows;
}
