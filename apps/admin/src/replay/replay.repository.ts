import { type Pool, type PoolClient } from 'pg';

type Queryable = Pick<Pool | PoolClient, 'query'>;

export type ReplayStatus = 'running' | 'catching_up' | 'switched' | 'failed';

export interface ReplayRow {
  id: string;
  rulesVersion: number;
  generation: number;
  status: ReplayStatus;
  processed: number;
  total: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

/** Returns false when another replay is running (the partial unique index says so). */
export async function insertReplay(db: Queryable, row: { id: string; rulesVersion: number; generation: number; total: number }): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO replays (id, rules_version, generation, status, total) VALUES ($1, $2, $3, 'running', $4)
     ON CONFLICT DO NOTHING`,
    [row.id, row.rulesVersion, row.generation, row.total],
  );
  return result.rowCount === 1;
}

export async function findReplay(db: Queryable, id: string): Promise<ReplayRow | null> {
  const result = await db.query(
    `SELECT id, rules_version, generation, status, processed, total, started_at, updated_at, finished_at, error FROM replays WHERE id = $1`,
    [id],
  );
  if (result.rows.length === 0) return null;
  const row = result.rows[0];
  return {
    id: row.id, rulesVersion: row.rules_version, generation: row.generation, status: row.status,
    processed: Number(row.processed), total: Number(row.total), startedAt: row.started_at, updatedAt: row.updated_at,
    finishedAt: row.finished_at, error: row.error,
  };
}

export async function updateReplayProgress(db: Queryable, id: string, fields: { processed: number; total?: number; status?: ReplayStatus }): Promise<void> {
  await db.query(
    `UPDATE replays SET processed = $2, total = coalesce($3, total), status = coalesce($4, status), updated_at = now(),
       finished_at = CASE WHEN coalesce($4, status) IN ('switched', 'failed') THEN now() ELSE finished_at END
     WHERE id = $1`,
    [id, fields.processed, fields.total ?? null, fields.status ?? null],
  );
}

export async function failReplay(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(
    `UPDATE replays SET status = 'failed', error = $2, updated_at = now(), finished_at = now() WHERE id = $1 AND status IN ('running', 'catching_up')`,
    [id, error],
  );
}

/** Replays left running by a process that died: nothing is working on them any more. */
export async function failInterruptedReplays(db: Queryable): Promise<number> {
  const result = await db.query(
    `UPDATE replays SET status = 'failed', error = 'interrupted: the admin process stopped', updated_at = now(), finished_at = now()
     WHERE status IN ('running', 'catching_up')`,
  );
  return result.rowCount ?? 0;
}
