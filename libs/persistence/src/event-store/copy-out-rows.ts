import { type Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * Bytes PostgreSQL may send ahead of the decoder (beyond the socket's own buffers): it produces
 * the next rows while Node folds the batch it was given.
 */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * The rows of `COPY (select) TO STDOUT` (text format), `columns` fields each, decoded by `decode`
 * and handed over in batches of `batchRows` (the last one shorter). One statement, one snapshot,
 * on a connection of its own: rows are parsed as they arrive, never paged. `decode` gets the
 * fields as COPY text (`\N` for NULL, see `copyOutField`) and must not keep the array. A consumer
 * that stops early (or a failure) closes the connection, which ends the COPY in PostgreSQL.
 */
export async function* copyOutRows<T>(
  pool: Pool,
  select: string,
  options: { columns: number; batchRows: number; decode: (fields: readonly string[]) => T },
): AsyncGenerator<T[], void, undefined> {
  const { columns, batchRows, decode } = options;
  const client = await pool.connect();
  let finished = false;
  try {
    const stream = client.query(copyTo(`COPY (${select}) TO STDOUT`, { highWaterMark: READ_AHEAD_BYTES }));
    const fields = new Array<string>(columns);
    let carry: Buffer | null = null;
    let batch: T[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const data: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
      const end = data.lastIndexOf(NEWLINE);
      if (end < 0) {
        carry = data;
        continue;
      }
      carry = end + 1 < data.length ? data.subarray(end + 1) : null;
      let start = 0;
      while (start <= end) {
        const newline = data.indexOf(NEWLINE, start);
        // One string per line (a newline byte never sits inside a UTF-8 sequence): a field kept
        // long after (a lead id as a Map key) then holds on to its line, not to a whole chunk.
        splitLine(data.toString('utf8', start, newline), fields);
        start = newline + 1;
        batch.push(decode(fields));
        if (batch.length >= batchRows) {
          yield batch;
          batch = [];
        }
      }
    }
    if (carry !== null) throw new Error('COPY TO ended inside a row');
    if (batch.length > 0) yield batch;
    finished = true;
  } finally {
    client.release(finished ? undefined : true);
  }
}

/** Fills `fields` from one line (without its newline). */
function splitLine(line: string, fields: string[]): void {
  let position = 0;
  for (let i = 0; i < fields.length - 1; i++) {
    const tab = line.indexOf('\t', position);
    if (tab < 0) throw new Error(`COPY TO row with fewer than ${fields.length} fields`);
    fields[i] = line.slice(position, tab);
    position = tab + 1;
  }
  const last = line.slice(position);
  if (last.includes('\t')) throw new Error(`COPY TO row with more than ${fields.length} fields`);
  fields[fields.length - 1] = last;
}

const COPY_NULL = '\\N';
const ESCAPED = /\\(.)/g;
const UNESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * A field of COPY text as its value: null for `\N`, backslash sequences undone (COPY TO writes
 * only `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, `\v`; never octal or hex).
 */
export function copyOutField(field: string): string | null {
  if (field === COPY_NULL) return null;
  return field.includes('\\') ? field.replace(ESCAPED, (_, c: string) => UNESCAPES[c] ?? c) : field;
}

/** A field that the SELECT never makes NULL. */
export function copyOutText(field: string): string {
  const value = copyOutField(field);
  if (value === null) throw new Error('COPY TO: NULL in a NOT NULL column');
  return value;
}
