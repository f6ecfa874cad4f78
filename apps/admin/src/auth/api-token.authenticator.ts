import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { BOOTSTRAP_TOKEN_NAME, OPS_SCOPES, isOpsScope, type OpsScope } from '@leadscore/contracts';
import { ApiTokenRepository, hashesEqual, hashWriteKey } from '@leadscore/persistence';
import { ADMIN_TOKEN, PG_POOL } from '../admin.tokens';

/** The bootstrap token's id in the audit log (its name is BOOTSTRAP_TOKEN_NAME). */
export const BOOTSTRAP_TOKEN_ID = 'bootstrap';

/** How long a lookup (found or not) is trusted without the database: revocation is announced on Redis, this bounds a lost announcement. */
export const TOKEN_CACHE_TTL_MS = 1_000;
const MAX_CACHED = 10_000;

export interface TokenIdentity {
  tokenId: string;
  tokenName: string;
  scopes: ReadonlySet<OpsScope>;
}

interface Cached {
  identity: (TokenIdentity & { expiresAt: number | null }) | null;
  until: number;
}

/**
 * Bearer token → identity: ADMIN_TOKEN (every scope), else a stored token by its SHA-256, unless
 * revoked or expired. Expiry is checked on every request, so an expired token is refused at once.
 */
@Injectable()
export class ApiTokenAuthenticator {
  private readonly bootstrapHash: string;
  private readonly tokens: ApiTokenRepository;
  private readonly cache = new Map<string, Cached>();

  constructor(@Inject(ADMIN_TOKEN) adminToken: string, @Inject(PG_POOL) pool: Pool) {
    this.bootstrapHash = hashWriteKey(adminToken);
    this.tokens = new ApiTokenRepository(pool);
  }

  async authenticate(token: string, now = Date.now()): Promise<TokenIdentity | null> {
    const hash = hashWriteKey(token);
    if (hashesEqual(hash, this.bootstrapHash)) return { tokenId: BOOTSTRAP_TOKEN_ID, tokenName: BOOTSTRAP_TOKEN_NAME, scopes: new Set(OPS_SCOPES) };
    let cached = this.cache.get(hash);
    if (!cached || cached.until <= now) {
      const found = await this.tokens.findUsableByHash(hash);
      cached = {
        identity: found ? { tokenId: found.id, tokenName: found.name, scopes: new Set(found.scopes.filter(isOpsScope)), expiresAt: found.expiresAt?.getTime() ?? null } : null,
        until: now + TOKEN_CACHE_TTL_MS,
      };
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(hash, cached);
    }
    const identity = cached.identity;
    if (!identity || (identity.expiresAt !== null && identity.expiresAt <= now)) return null;
    return { tokenId: identity.tokenId, tokenName: identity.tokenName, scopes: identity.scopes };
  }

  /** A revocation announced on Redis (or made here): the token's cached lookup goes at once. */
  forget(tokenId: string): void {
    for (const [hash, cached] of this.cache) if (cached.identity?.tokenId === tokenId) this.cache.delete(hash);
  }
}
