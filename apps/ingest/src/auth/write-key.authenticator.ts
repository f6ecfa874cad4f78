import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { Unauthorized, Unavailable } from '@leadscore/http';
import { hashesEqual, hashWriteKey, type WriteKeyRepository } from '@leadscore/persistence';
import { CLOCK, type Clock, WRITE_KEYS } from '../ingest.tokens';
import { type AuthenticatedSource } from './authenticated-source';
import { TtlCache } from './ttl-cache';

/** How long a lookup (found or not) is trusted: a revoked key stops working within this time. */
export const WRITE_KEY_CACHE_TTL_MS = 5000;
const WRITE_KEY_CACHE_MAX = 10_000;
const INVALID = 'the write key is not valid or has been revoked';

export type WriteKeyLookup = Pick<WriteKeyRepository, 'findActiveByHash'>;

/**
 * Write key → source, by the key's SHA-256 in Postgres, cached in process for a few seconds.
 * The admin token never opens ingest, even when someone stored it as a write key; the answer
 * is the same as for any wrong key, so a guess does not learn that it hit the admin token.
 */
@Injectable()
export class WriteKeyAuthenticator {
  private readonly cache: TtlCache<string, AuthenticatedSource | null>;
  private readonly adminTokenHash: string | null;

  constructor(
    @Inject(WRITE_KEYS) private readonly keys: WriteKeyLookup,
    @Inject(CONFIG) config: LeadscoreConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.cache = new TtlCache(WRITE_KEY_CACHE_TTL_MS, WRITE_KEY_CACHE_MAX, () => clock.now().getTime());
    this.adminTokenHash = config.adminToken === null ? null : hashWriteKey(config.adminToken);
  }

  async authenticate(key: string): Promise<AuthenticatedSource> {
    const hash = hashWriteKey(key);
    if (this.adminTokenHash !== null && hashesEqual(hash, this.adminTokenHash)) throw new Unauthorized('authorization', INVALID);
    let source = this.cache.get(hash);
    if (source === undefined) {
      source = await this.lookUp(hash);
      this.cache.set(hash, source);
    }
    if (source === null) throw new Unauthorized('authorization', INVALID);
    return source;
  }

  /** A revoked or changed source (allowed origins): its cached lookups go now, so that the next request asks Postgres. */
  forgetSource(keyId: string): void {
    this.cache.deleteWhere((source) => source !== null && source.keyId === keyId);
  }

  private async lookUp(hash: string): Promise<AuthenticatedSource | null> {
    const found = await this.keys.findActiveByHash(hash).catch((): never => {
      throw new Unavailable('cannot check write keys right now; retry later', 1);
    });
    return found !== null && hashesEqual(found.keyHash, hash) ? { keyId: found.id, name: found.name, allowedOrigins: found.allowedOrigins } : null;
  }
}
