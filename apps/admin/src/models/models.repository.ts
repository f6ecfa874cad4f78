import { type Pool, type PoolClient } from 'pg';
import { type ModelResult } from './model-result';

type Queryable = Pick<Pool | PoolClient, 'query'>;

export type ModelStatus = 'running' | 'done' | 'failed';

export interface ModelRow {
  id: string;
  status: ModelStatus;
  from: string;
  to: string;
  seed: number;
  rulesVersion: number;
  featureSpecVersion: number;
  processed: number;
  total: number;
  reason: string | null;
  result: ModelResult | null;
  createdAt: string;
  activatedAt: string | null;
  isActive: boolean;
}

const COLUMNS = `id, status, window_from, window_to, seed, rules_version, feature_spec_version, processed, total, reason, result, created_at, activated_at, is_active`;

export async function insertModel(db: Queryable, row: { id: string; from: number; to: number; seed: number; rulesVersion: number; featureSpecVersion: number }): Promise<void> {
  await db.query(
    `INSERT INTO models (id, status, window_from, window_to, seed, rules_version, feature_spec_version) VALUES ($1, 'running', $2, $3, $4, $5, $6)`,
    [row.id, new Date(row.from), new Date(row.to), row.seed, row.rulesVersion, row.featureSpecVersion],
  );
}

export async function findModel(db: Queryable, id: string): Promise<ModelRow | null> {
  const result = await db.query(`SELECT ${COLUMNS} FROM models WHERE id = $1`, [id]);
  return result.rows.length === 0 ? null : toModelRow(result.rows[0]);
}

/** Newest first, after the cursor's (created_at, id); to the millisecond, as the cursor carries it. */
export async function listModels(db: Queryable, after: { createdAt: string; id: string } | null, limit: number): Promise<ModelRow[]> {
  const result = await db.query(
    `SELECT ${COLUMNS} FROM models
      WHERE ($1::timestamptz IS NULL OR (date_trunc('milliseconds', created_at), id) < ($1::timestamptz, $2::uuid))
      ORDER BY date_trunc('milliseconds', created_at) DESC, id DESC LIMIT $3`,
    [after?.createdAt ?? null, after?.id ?? null, limit],
  );
  return result.rows.map(toModelRow);
}

export async function updateModelProgress(db: Queryable, id: string, processed: number, total?: number): Promise<void> {
  await db.query(`UPDATE models SET processed = $2, total = coalesce($3, total), updated_at = now() WHERE id = $1`, [id, processed, total ?? null]);
}

export async function finishModel(db: Queryable, id: string, result: ModelResult, serialized: string): Promise<void> {
  await db.query(
    `UPDATE models SET status = 'done', processed = total, result = $2, model = $3, updated_at = now(), finished_at = now() WHERE id = $1`,
    [id, JSON.stringify(result), serialized],
  );
}

export async function failModel(db: Queryable, id: string, reason: string): Promise<void> {
  await db.query(`UPDATE models SET status = 'failed', reason = $2, updated_at = now(), finished_at = now() WHERE id = $1 AND status = 'running'`, [id, reason]);
}

export async function failInterruptedModels(db: Queryable): Promise<number> {
  const result = await db.query(
    `UPDATE models SET status = 'failed', reason = 'interrupted: the admin process stopped', updated_at = now(), finished_at = now() WHERE status = 'running'`,
  );
  return result.rowCount ?? 0;
}

/** Makes `id` the active model; the partial unique index keeps it to one. */
export async function activateModel(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE models SET is_active = false WHERE is_active AND id <> $1`, [id]);
  await db.query(`UPDATE models SET is_active = true, activated_at = now() WHERE id = $1 AND NOT is_active`, [id]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row, typed field by field below
function toModelRow(row: Record<string, any>): ModelRow {
  return {
    id: row.id,
    status: row.status,
    from: row.window_from.toISOString(),
    to: row.window_to.toISOString(),
    seed: row.seed,
    rulesVersion: row.rules_version,
    featureSpecVersion: row.feature_spec_version,
    processed: Number(row.processed),
    total: Number(row.total),
    reason: row.reason,
    result: row.result,
    createdAt: row.created_at.toISOString(),
    activatedAt: row.activated_at?.toISOString() ?? null,
    isActive: row.is_active,
  };
}
