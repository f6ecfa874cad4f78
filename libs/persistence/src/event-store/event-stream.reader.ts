import { type Pool } from 'pg';
import { type Producer } from '@leadscore/contracts';
import { type ScoringEvent } from '@leadscore/scoring';
import { copyOutField, copyOutRows, copyOutText } from './copy-out-rows';
import { type StoredEvent } from './stored-event';

// Times as epoch milliseconds, as event-page.reader.ts reads them (exact: stored from JS Dates).
const epochMs = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::bigint`;

const STORED_COLUMNS = `seq, event_id, lead_id, type, ${epochMs('occurred_at')}, ${epochMs('received_at')},
    source, properties, traits, source_key_id, producer`;
// What the fold reads of an event (ScoringEvent), nothing more.
const SCORING_COLUMNS = `event_id, lead_id, type, ${epochMs('occurred_at')}, source, properties, traits, producer`;

/** A bigint put into the statement's text (COPY takes no parameters): digits only. */
function seqLiteral(seq: string): string {
  if (!/^\d{1,19}$/.test(seq)) throw new Error(`not a seq: ${seq}`);
  return seq;
}

/**
 * Every event up to `uptoSeq` (inclusive) in (lead, seq) order, as one `COPY … TO STDOUT` stream
 * decoded as it arrives, in batches of `batchEvents`: each lead's events together and in seq
 * order, rows as `readEventPage` gives them. A replay's main pass; a lead's history may run
 * on from one batch into the next.
 */
export function streamEventsByLead(pool: Pool, options: { uptoSeq: string; batchEvents: number }): AsyncGenerator<StoredEvent[], void, undefined> {
  const select = `SELECT ${STORED_COLUMNS} FROM lead_events WHERE seq <= ${seqLiteral(options.uptoSeq)} ORDER BY lead_id, seq`;
  return copyOutRows(pool, select, { columns: 11, batchRows: options.batchEvents, decode: decodeStoredEvent });
}

/**
 * The SELECT behind `streamScoringEventsByLead`: what the fold needs of every event up to
 * `uptoSeq`, lead by lead. Exported so a bench can time a bare `COPY (…) TO STDOUT` of the very
 * same rows.
 */
export function scoringEventsSelect(uptoSeq: string): string {
  return `SELECT ${SCORING_COLUMNS} FROM lead_events WHERE seq <= ${seqLiteral(uptoSeq)} ORDER BY lead_id, seq`;
}

/**
 * Every event up to `uptoSeq` (inclusive) in (lead, seq) order, only what the fold reads of it, as
 * one `COPY … TO STDOUT` stream decoded as it arrives, in batches of `batchEvents` (a simulation,
 * which folds each lead's whole history at once).
 */
export function streamScoringEventsByLead(pool: Pool, options: { uptoSeq: string; batchEvents: number }): AsyncGenerator<ScoringEvent[], void, undefined> {
  return copyOutRows(pool, scoringEventsSelect(options.uptoSeq), { columns: 8, batchRows: options.batchEvents, decode: decodeScoringEvent });
}

function decodeStoredEvent(fields: readonly string[]): StoredEvent {
  return {
    seq: fields[0],
    eventId: copyOutText(fields[1]),
    leadId: copyOutText(fields[2]),
    type: copyOutText(fields[3]),
    occurredAt: new Date(Number(fields[4])),
    receivedAt: new Date(Number(fields[5])),
    source: copyOutField(fields[6]),
    properties: JSON.parse(copyOutText(fields[7])) as Record<string, unknown>,
    traits: jsonOrNull(fields[8]),
    sourceKeyId: copyOutField(fields[9]),
    producer: fields[10] as Producer,
  };
}

function decodeScoringEvent(fields: readonly string[]): ScoringEvent {
  return {
    eventId: copyOutText(fields[0]),
    leadId: copyOutText(fields[1]),
    type: copyOutText(fields[2]),
    occurredAt: Number(fields[3]),
    source: copyOutField(fields[4]),
    properties: JSON.parse(copyOutText(fields[5])) as Record<string, unknown>,
    traits: jsonOrNull(fields[6]),
    producer: fields[7] as Producer,
  };
}

function jsonOrNull(field: string): Record<string, unknown> | null {
  const text = copyOutField(field);
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}
