import { type Pool, type PoolClient } from 'pg';

export interface ActiveModelRow {
  id: string;
  /** The rule version whose fold derived the model's features. */
  rulesVersion: number;
  featureSpecVersion: number;
  /** libs/learning serializeModel text. */
  model: string;
}

/** The active learned-scoring model (table `models`, at most one active), or null. */
export async function findActiveModel(db: Pick<Pool | PoolClient, 'query'>): Promise<ActiveModelRow | null> {
  const result = await db.query(`SELECT id, rules_version, feature_spec_version, model FROM models WHERE is_active`);
  if (result.rows.length === 0) return null;
  const row = result.rows[0];
  return { id: row.id, rulesVersion: row.rules_version, featureSpecVersion: row.feature_spec_version, model: row.model };
}
