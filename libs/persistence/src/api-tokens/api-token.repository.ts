import { randomUUID } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { generateSecretToken, hashWriteKey, writeKeyPrefix } from '../write-keys/write-key.hash';

type Queryable = Pick<Pool | PoolClient, 'query'>;

/** A token as the ops API lists it: never the token, only its first characters. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  tokenPrefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** The answer to a creation: the only time the token is seen in clear. */
export interface CreatedApiToken extends ApiTokenSummary {
  token: string;
}

const COLUMNS = 'id, name, token_prefix, scopes, created_at, expires_at, revoked_at';
interface Row { id: string; name: string; token_prefix: string; scopes: string[]; created_at: Date; expires_at: Date | null; revoked_at: Date | null }

/** `api_tokens` through `pg`: stored as the SHA-256 of the token (the write keys' hashing). */
export class ApiTokenRepository {
  constructor(private readonly db: Queryable) {}

  async create(input: { name: string; scopes: string[]; expiresAt: Date | null }): Promise<CreatedApiToken> {
    const token = generateSecretToken('lst_');
    const { rows } = await this.db.query<Row>(
      `INSERT INTO api_tokens (id, name, token_hash, token_prefix, scopes, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [randomUUID(), input.name, hashWriteKey(token), writeKeyPrefix(token), input.scopes, input.expiresAt],
    );
    return { ...toSummary(rows[0]), token };
  }

  /** The token whose hash this is, unless revoked (expiry is the caller's to check, on every request). */
  async findUsableByHash(tokenHash: string): Promise<ApiTokenSummary | null> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`, [tokenHash]);
    return rows[0] ? toSummary(rows[0]) : null;
  }

  /** Every token, oldest first (revoked and expired ones included); tokens are few. */
  async list(): Promise<ApiTokenSummary[]> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at, id`);
    return rows.map(toSummary);
  }

  /** Revokes an active token once: false when there is none by that id. */
  async revoke(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
    return (rowCount ?? 0) > 0;
  }
}

function toSummary(row: Row): ApiTokenSummary {
  return { id: row.id, name: row.name, tokenPrefix: row.token_prefix, scopes: row.scopes, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at };
}
