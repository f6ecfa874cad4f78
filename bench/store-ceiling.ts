import { type Pool, type PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What the store itself takes: the worker's own rows written back by COPY into fresh tables with the same indexes. */
export interface StoreCeiling {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/**
 * The store's ceiling for the worker's writes: the event rows and audit rows the worker stored
 * (read back into memory first, untimed), then COPY'd into fresh tables made `LIKE … INCLUDING
 * ALL` (same columns, defaults, checks, indexes) in one transaction, as the worker writes them
 * in one. Timed: the two COPYs and the COMMIT; the median of `runs`, fresh tables each time (the
 * machine is shared: one run can fall on someone else's burst, as can the worker's).
 */
export async function measureStoreCeiling(pool: Pool, runs = 3): Promise<StoreCeiling> {
  const client = await pool.connect();
  try {
    const events = await copyOut(client, 'SELECT * FROM lead_events');
    const audit = await copyOut(client, 'SELECT * FROM score_audit');
    const times: number[] = [];
    for (let run = 0; run < runs; run++) times.push(await copyIntoFreshTables(client, events.chunks, audit.chunks));
    const seconds = times.sort((a, b) => a - b)[Math.floor(runs / 2)];
    return { events: events.rows, seconds, eventsPerSecond: events.rows / seconds };
  } finally {
    client.release();
  }
}

/** Seconds to COPY the rows into fresh tables like the store's and commit. */
async function copyIntoFreshTables(client: PoolClient, events: Buffer[], audit: Buffer[]): Promise<number> {
  try {
    await client.query('CREATE TABLE ceiling_events (LIKE lead_events INCLUDING ALL)');
    await client.query('CREATE TABLE ceiling_audit (LIKE score_audit INCLUDING ALL)');
    const started = performance.now();
    await client.query('BEGIN');
    await copyIn(client, 'ceiling_events', events);
    await copyIn(client, 'ceiling_audit', audit);
    await client.query('COMMIT');
    return (performance.now() - started) / 1000;
  } finally {
    await client.query('DROP TABLE IF EXISTS ceiling_events, ceiling_audit');
  }
}

async function copyOut(client: PoolClient, select: string): Promise<{ chunks: Buffer[]; rows: number }> {
  const chunks: Buffer[] = [];
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT`));
  await pipeline(stream, new Writable({ write: (chunk: Buffer, _encoding, done) => { chunks.push(chunk); done(); } }));
  return { chunks, rows: stream.rowCount };
}

async function copyIn(client: PoolClient, table: string, chunks: Buffer[]): Promise<void> {
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
}
