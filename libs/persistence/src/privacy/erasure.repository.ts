import { type Pool } from 'pg';
import { hashErasedId } from './erased-id.hash';
import { type SweepCounts } from './sweep-leads';

export type ErasurePhase = 'sweep' | 'drain' | 'done';

/** Per topic, per partition: the end offset the consumers must pass before the last sweep. */
export type Watermarks = Record<string, Record<string, string>>;

export interface ErasureRow {
  id: string;
  phase: ErasurePhase;
  /** The ids being erased; empty once done (only their hashes stay). */
  leadIds: string[];
  watermarks: Watermarks | null;
  deleted: SweepCounts;
  requestedAt: Date;
  finishedAt: Date | null;
}

interface Row {
  id: string;
  phase: ErasurePhase;
  lead_ids: string[];
  watermarks: Watermarks | null;
  deleted: SweepCounts;
  requested_at: Date;
  finished_at: Date | null;
}

const COLUMNS = 'id, phase, lead_ids, watermarks, deleted, requested_at, finished_at';

function toErasure(row: Row): ErasureRow {
  return {
    id: row.id, phase: row.phase, leadIds: row.lead_ids, watermarks: row.watermarks, deleted: row.deleted,
    requestedAt: row.requested_at, finishedAt: row.finished_at,
  };
}

/** An unfinished erasure that already covers `leadId` (a repeated request joins it), else null. */
export async function findRunningErasureOf(pool: Pool, leadId: string): Promise<ErasureRow | null> {
  const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM erasures WHERE phase <> 'done' AND $1 = ANY(lead_ids) LIMIT 1`, [leadId]);
  return result.rows[0] ? toErasure(result.rows[0]) : null;
}

export async function insertErasure(db: Pick<Pool, 'query'>, erasure: { id: string; subject: string; leadIds: string[] }): Promise<void> {
  await db.query(`INSERT INTO erasures (id, subject_hash, lead_ids, phase) VALUES ($1, $2, $3, 'sweep')`, [
    erasure.id, hashErasedId(erasure.subject), erasure.leadIds,
  ]);
}

export async function findErasure(pool: Pool, id: string): Promise<ErasureRow | null> {
  const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM erasures WHERE id = $1`, [id]);
  return result.rows[0] ? toErasure(result.rows[0]) : null;
}

/** The erasures a killed process left unfinished, oldest first: resumed at start-up. */
export async function unfinishedErasures(pool: Pool): Promise<ErasureRow[]> {
  const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM erasures WHERE phase <> 'done' ORDER BY requested_at`);
  return result.rows.map(toErasure);
}

/** After the first sweep: what it deleted and the offsets the consumers must pass. */
export async function markDraining(pool: Pool, id: string, deleted: SweepCounts, watermarks: Watermarks): Promise<void> {
  await pool.query(`UPDATE erasures SET phase = 'drain', deleted = $2, watermarks = $3, updated_at = now() WHERE id = $1 AND phase = 'sweep'`, [
    id, JSON.stringify(deleted), JSON.stringify(watermarks),
  ]);
}

/** Done: the ids give way to their hashes, the counts add the last sweep's. */
export async function markDone(pool: Pool, id: string, deleted: SweepCounts): Promise<void> {
  const row = await findErasure(pool, id);
  if (!row || row.phase === 'done') return;
  const total: SweepCounts = { ...row.deleted };
  for (const [table, count] of Object.entries(deleted)) total[table] = (total[table] ?? 0) + count;
  await pool.query(
    `UPDATE erasures SET phase = 'done', deleted = $2, id_hashes = $3, lead_ids = '{}', watermarks = NULL, updated_at = now(), finished_at = now()
      WHERE id = $1 AND phase <> 'done'`,
    [id, JSON.stringify(total), row.leadIds.map(hashErasedId)],
  );
}

/** Hashes of every id erased so far, with when: dead letters written before that are hidden. */
export async function erasedIdHashes(pool: Pool): Promise<Map<string, Date>> {
  const result = await pool.query<{ hash: string; finished_at: Date }>(
    `SELECT unnest(id_hashes) AS hash, finished_at FROM erasures WHERE phase = 'done'`,
  );
  const hashes = new Map<string, Date>();
  for (const row of result.rows) {
    const known = hashes.get(row.hash);
    if (!known || known < row.finished_at) hashes.set(row.hash, row.finished_at);
  }
  return hashes;
}
