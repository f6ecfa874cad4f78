import { Client } from 'pg';
import { report } from './bench-report';

const TABLES = ['lead_events', 'score_audit', 'lead_projections'] as const;

/**
 * What the store holds after a known number of events: per table, heap (with TOAST) and indexes,
 * from pg_total_relation_size and pg_indexes_size after a VACUUM (so a projection's space left by
 * its upserts counts as what it is: room the next updates reuse). Per event for the per-event
 * tables, per lead for the projections: the numbers docs/scaling-out.md multiplies.
 */
export async function measureStorage(databaseUrl: string, events: number, leads: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const table of TABLES) await client.query(`VACUUM ANALYZE ${table}`);
    const { rows } = await client.query<{ table: string; total: string; indexes: string }>(
      `SELECT t AS table, pg_total_relation_size(t::regclass) AS total, pg_indexes_size(t::regclass) AS indexes FROM unnest($1::text[]) AS t`,
      [TABLES],
    );
    const sizes: Record<string, { rows: number; bytes: number; indexBytes: number; bytesPer: number; indexBytesPer: number }> = {};
    for (const row of rows) {
      const count = Number((await client.query(`SELECT count(*) AS n FROM ${row.table}`)).rows[0].n);
      const [total, indexes] = [Number(row.total), Number(row.indexes)];
      const per = row.table === 'lead_projections' ? leads : events;
      sizes[row.table] = { rows: count, bytes: total, indexBytes: indexes, bytesPer: Math.round(total / per), indexBytesPer: Math.round(indexes / per) };
    }
    const perEvent = sizes.lead_events.bytesPer + sizes.score_audit.bytesPer;
    report(
      { bench: 'storage', events, leads, ...sizes, storePlusAuditBytesPerEvent: perEvent },
      `store ${sizes.lead_events.bytesPer} B/event (indexes ${sizes.lead_events.indexBytesPer}), audit ${sizes.score_audit.bytesPer} B/event (indexes ${sizes.score_audit.indexBytesPer}), projections ${sizes.lead_projections.bytesPer} B/lead: ${perEvent} B per event stored and scored`,
    );
  } finally {
    await client.end();
  }
}
