import { type Pool, type PoolClient } from 'pg';

export interface StoredRuleSet {
  version: number;
  name: string;
  format: 'yaml' | 'json';
  sourceText: string;
  definition: unknown;
  author: string | null;
  createdAt: Date;
  isActive: boolean;
}

type Queryable = Pick<Pool | PoolClient, 'query'>;

const COLUMNS = `version, name, format, source_text, definition, author, created_at, is_active`;

export async function findActiveRuleSet(db: Queryable): Promise<StoredRuleSet | null> {
  const result = await db.query(`SELECT ${COLUMNS} FROM rule_sets WHERE is_active`);
  return result.rows.length ? toRuleSet(result.rows[0]) : null;
}

export async function findRuleSet(db: Queryable, version: number): Promise<StoredRuleSet | null> {
  const result = await db.query(`SELECT ${COLUMNS} FROM rule_sets WHERE version = $1`, [version]);
  return result.rows.length ? toRuleSet(result.rows[0]) : null;
}

/** Stores a new immutable version (always a new one, even for identical text). */
export async function insertRuleSet(
  db: Queryable,
  input: { name: string; format: 'yaml' | 'json'; sourceText: string; definition: unknown; author: string | null },
): Promise<number> {
  const result = await db.query<{ version: number }>(
    `INSERT INTO rule_sets (name, format, source_text, definition, author) VALUES ($1, $2, $3, $4, $5) RETURNING version`,
    [input.name, input.format, input.sourceText, JSON.stringify(input.definition), input.author],
  );
  return result.rows[0].version;
}

/** Makes `version` the active one; the partial unique index keeps it to one active row. */
export async function activateRuleSet(client: PoolClient, version: number): Promise<void> {
  await client.query(`UPDATE rule_sets SET is_active = false WHERE is_active AND version <> $1`, [version]);
  await client.query(`UPDATE rule_sets SET is_active = true, activated_at = now() WHERE version = $1 AND NOT is_active`, [version]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row, typed field by field below
function toRuleSet(row: Record<string, any>): StoredRuleSet {
  return {
    version: row.version,
    name: row.name,
    format: row.format,
    sourceText: row.source_text,
    definition: row.definition,
    author: row.author,
    createdAt: row.created_at,
    isActive: row.is_active,
  };
}
