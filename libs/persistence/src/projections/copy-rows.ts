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
  /** Gives the COPY up (PostgreSQL refuses it, and the transaction is then to be rolled back). */
  abort(): Promise<void>;
}

/** Bytes per chunk sent: PostgreSQL parses one chunk while the next is encoded. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Writes `table` rows by `COPY … FROM STDIN` (text format): `generation`, then `columns` in their
 * order (the other columns take their defaults). The mapped type makes every field of `Row` name
 * its column, so a field added to `Row` does not compile until it is written. A COPY that fails
 * (a duplicate key, a value refused) rejects and leaves the caller's transaction aborted, for it
 * to roll back.
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
      abort: async () => {
        stream.destroy(new Error('COPY given up by the writer'));
        await done;
      },
    };
  }

  /** All of `rows` in one COPY, each chunk encoded as the connection takes the one before. */
  async copy(client: PoolClient, generation: number, rows: readonly Row[]): Promise<number> {
    if (rows.length === 0) return 0;
    const stream = client.query(copyFrom(this.sql));
    await pipeline(Readable.from(this.chunks(`${generation}\t`, rows)), stream);
    return stream.rowCount;
  }

  /**
   * The rows' lines, packed into buffers of about CHUNK_BYTES. Each line goes into the buffer as
   * it is made: one long string of many lines costs ten times more to turn into bytes.
   */
  private *chunks(prefix: string, rows: readonly Row[]): Generator<Buffer> {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let used = 0;
    for (const row of rows) {
      const line = this.encodeRow(prefix, row);
      const most = line.length * 3; // UTF-8 bytes of a UTF-16 length, at worst
      if (used + most > buffer.length) {
        if (used > 0) yield buffer.subarray(0, used);
        buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
        used = 0;
      }
      used += buffer.write(line, used);
    }
    if (used > 0) yield buffer.subarray(0, used);
  }

  private encodeRow(prefix: string, row: Row): string {
    const { fields, encoders } = this;
    let line = prefix + encoders[0](row[fields[0]]);
    for (let i = 1; i < fields.length; i++) line += `\t${encoders[i](row[fields[i]])}`;
    return `${line}\n`;
  }
}
