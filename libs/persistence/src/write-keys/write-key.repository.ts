import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { generateWriteKey, hashWriteKey, writeKeyPrefix } from './write-key.hash';

/** A key that opens ingest: what a request is attributed to. The key itself is never stored. */
export interface ActiveWriteKey {
  id: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  /** Web origins (as browsers send `Origin`) the key may be used from; empty: any. */
  allowedOrigins: string[];
}

/** The answer to a creation: the only time the key is seen in clear. */
export interface CreatedWriteKey {
  id: string;
  name: string;
  key: string;
  keyPrefix: string;
  allowedOrigins: string[];
  createdAt: Date;
}

export interface CreateWriteKey {
  name: string;
  /** Given for seeded development keys; generated otherwise. */
  key?: string;
  id?: string;
  /** Normalized origins (parseAllowedOrigins); empty or absent: any origin. */
  allowedOrigins?: string[];
}

const FIND_ACTIVE = `SELECT id, name, key_hash, key_prefix, allowed_origins FROM write_keys WHERE key_hash = $1 AND revoked_at IS NULL`;
const INSERT = `
  INSERT INTO write_keys (id, name, key_hash, key_prefix, allowed_origins) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT DO NOTHING
  RETURNING created_at`;
const SET_ALLOWED_ORIGINS = `UPDATE write_keys SET allowed_origins = $2 WHERE id = $1 AND revoked_at IS NULL`;
const REVOKE = `UPDATE write_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`;

/**
 * `write_keys` through `pg`: ingest looks keys up on every request it does not have cached, and its start-up
 * seeds development keys; the ops API creates, changes and revokes sources with it too (one set of statements).
 * The ops API's list is a TypeORM query (apps/admin sources/list-sources).
 */
export class WriteKeyRepository {
  constructor(private readonly db: Pick<Pool, 'query'>) {}

  async findActiveByHash(keyHash: string): Promise<ActiveWriteKey | null> {
    const { rows } = await this.db.query<{ id: string; name: string; key_hash: string; key_prefix: string; allowed_origins: string[] }>(FIND_ACTIVE, [keyHash]);
    const row = rows[0];
    return row ? { id: row.id, name: row.name, keyHash: row.key_hash, keyPrefix: row.key_prefix, allowedOrigins: row.allowed_origins } : null;
  }

  /** Stores the hash of a new key and returns the key once. Refuses a key (or id) that already exists. */
  async create(input: CreateWriteKey): Promise<CreatedWriteKey> {
    const key = input.key ?? generateWriteKey();
    const id = input.id ?? randomUUID();
    const allowedOrigins = input.allowedOrigins ?? [];
    const created = await this.insert(id, input.name, key, allowedOrigins);
    if (created === null) throw new Error(`write key not created: its id or key already exists`);
    return { id, name: input.name, key, keyPrefix: writeKeyPrefix(key), allowedOrigins, createdAt: created };
  }

  /** Replaces an active key's allowed origins (normalized by the caller); false when there is no active key with that id. */
  async setAllowedOrigins(id: string, allowedOrigins: string[]): Promise<boolean> {
    const result = await this.db.query(SET_ALLOWED_ORIGINS, [id, allowedOrigins]);
    return (result.rowCount ?? 0) > 0;
  }

  /** Revokes a key; false when there is no active key with that id. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db.query(REVOKE, [id]);
    return (result.rowCount ?? 0) > 0;
  }

  /**
   * Stores development keys (INGEST_WRITE_KEYS) that are not there yet; returns how many were new.
   * Idempotent, and a seeded key that was revoked stays revoked. The id derives from the hash, so
   * every app seeding the same list writes the same rows.
   */
  async seed(keys: string[]): Promise<number> {
    let inserted = 0;
    for (const key of new Set(keys)) {
      const hash = hashWriteKey(key);
      if ((await this.insert(`dev-${hash.slice(0, 16)}`, `dev key ${writeKeyPrefix(key)}…`, key, [])) !== null) inserted++;
    }
    return inserted;
  }

  private async insert(id: string, name: string, key: string, allowedOrigins: string[]): Promise<Date | null> {
    if (key.length === 0) throw new Error('a write key cannot be empty');
    const { rows } = await this.db.query<{ created_at: Date }>(INSERT, [id, name, hashWriteKey(key), writeKeyPrefix(key), allowedOrigins]);
    return rows[0]?.created_at ?? null;
  }
}
