import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Per field of `Row`, its column and its COPY text encoder (see copy-text.ts). */
export type ColumnEncoders<Row> = { [K in keyof Row]-?: readonly [column: string, encode: (value: Row[K]) => string] };

/** An open `COPY … FROM STDIN` of one generation's rows, fed as rows become known. */
export interface RowsCopy<Row> {
  /** Encodes `rows` and queues them for PostgreSQL, which parses them while the caller goes on. */
  write(rows: readonly Row[]): void;
  /** Ends the COPY; resolves with the number of rows stored once PostgreSQL has taken them all. */
  end(): Promise<number>;
}

/** Rows encoded per chunk sent: a chunk stays a few hundred KB (a projection's state is ~1.5 KB of JSON). */
const ROWS_PER_CHUNK = 1_000;

/**
 * Writes `table` rows by `COPY … FROM STDIN` (text format): `generation`, then `columns` in their
 * order (the other columns take their defaults). The mapped type makes every field of `Row` name
 * its column, so a field added to `Row` does not compile until it is written. A COPY that fails
 * (a duplicate key, a value refused) rejects `end()` and leaves the caller's transaction aborted,
 * for it to roll back.
 */
export class GenerationCopy<Row> {
  private readonly fields: Array<keyof Row>;
  private readonly encoders: Array<(value: unknown) => string>;
  private readonly sql: string;

  constructor(table: string, columns: ColumnEncoders<Row>) {
    this.fields = Object.keys(columns) as Array<keyof Row>;
    this.encoders = this.fields.map((field) => columns[field][1] as (value: unknown) => string);
    this.sql = `COPY ${table} (generation, ${this.fields.map((field) => columns[field][0]).join(', ')}) FROM STDIN`;
  }

  /** Starts the COPY on `client` (inside the caller's transaction). */
  open(client: PoolClient, generation: number): RowsCopy<Row> {
    const stream = client.query(copyFrom(this.sql));
    const done = finished(stream).then(() => ({ ok: true as const }), (error: unknown) => ({ ok: false as const, error }));
    const prefix = `${generation}\t`;
    return {
      write: (rows) => {
        for (const chunk of this.chunks(prefix, rows)) stream.write(chunk);
      },
      end: async () => {
        stream.end();
        const outcome = await done;
        if (!outcome.ok) throw outcome.error;
        return stream.rowCount;
      },
    };
  }

  /** All of `rows` in one COPY, each chunk encoded as the connection takes the one before. */
  async copy(client: PoolClient, generation: number, rows: readonly Row[]): Promise<number> {
    const stream = client.query(copyFrom(this.sql));
    await pipeline(Readable.from(this.chunks(`${generation}\t`, rows)), stream);
    return stream.rowCount;
  }

  private *chunks(prefix: string, rows: readonly Row[]): Generator<Buffer> {
    for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
      yield this.encodeChunk(prefix, rows, start, Math.min(rows.length, start + ROWS_PER_CHUNK));
    }
  }

  private encodeChunk(prefix: string, rows: readonly Row[], start: number, end: number): Buffer {
    const { fields, encoders } = this;
    let text = '';
    for (let r = start; r < end; r++) {
      const row = rows[r];
      text += prefix;
      for (let i = 0; i < fields.length; i++) text += (i === 0 ? '' : '\t') + encoders[i](row[fields[i]]);
      text += '\n';
    }
    return Buffer.from(text, 'utf8');
  }
}
