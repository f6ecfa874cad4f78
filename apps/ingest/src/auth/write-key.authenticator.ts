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
/** Unknown keys have a cache of their own: a flood of them evicts only each other, never a valid key. */
export const UNKNOWN_KEY_CACHE_MAX = 100_000;
/**
 * Lookups at once for keys not seen valid in the last hour (of the pool's 4 connections): a flood
 * of invalid keys can hold at most these, so known sources' lookups always find a connection.
 */
export const STRANGER_LOOKUPS_MAX = 2;
const FAMILIAR_TTL_MS = 60 * 60 * 1000;
const INVALID = 'the write key is not valid or has been revoked';

export type WriteKeyLookup = Pick<WriteKeyRepository, 'findActiveByHash'>;

/**
 * Write key → source, by the key's SHA-256 in Postgres, cached in process for a few seconds.
 * The admin token never opens ingest, even when someone stored it as a write key; the answer
 * is the same as for any wrong key, so a guess does not learn that it hit the admin token.
 *
 * Against a flood of invalid keys (the write key is public, guessing costs nothing): found and
 * unknown keys are cached apart, so an unknown key costs one query per TTL and cannot push a
 * valid one out; concurrent lookups of one key share a query; and keys not seen valid lately
 * hold at most STRANGER_LOOKUPS_MAX connections at once (503 past it), never the whole pool.
 */
@Injectable()
export class WriteKeyAuthenticator {
  private readonly cache: TtlCache<string, AuthenticatedSource>;
  private readonly unknown: TtlCache<string, true>;
  /** Keys found valid within the hour: their lookups never wait behind strangers'. */
  private readonly familiar: TtlCache<string, true>;
  private readonly inFlight = new Map<string, Promise<AuthenticatedSource | null>>();
  private strangerLookups = 0;
  private readonly adminTokenHash: string | null;

  constructor(
    @Inject(WRITE_KEYS) private readonly keys: WriteKeyLookup,
    @Inject(CONFIG) config: LeadscoreConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    const now = () => clock.now().getTime();
    this.cache = new TtlCache(WRITE_KEY_CACHE_TTL_MS, WRITE_KEY_CACHE_MAX, now);
    this.unknown = new TtlCache(WRITE_KEY_CACHE_TTL_MS, UNKNOWN_KEY_CACHE_MAX, now);
    this.familiar = new TtlCache(FAMILIAR_TTL_MS, WRITE_KEY_CACHE_MAX, now);
    this.adminTokenHash = config.adminToken === null ? null : hashWriteKey(config.adminToken);
  }

  async authenticate(key: string): Promise<AuthenticatedSource> {
    const hash = hashWriteKey(key);
    if (this.adminTokenHash !== null && hashesEqual(hash, this.adminTokenHash)) throw new Unauthorized('authorization', INVALID);
    const cached = this.cache.get(hash) ?? (this.unknown.get(hash) ? null : undefined);
    const source = cached === undefined ? await this.lookUpOnce(hash) : cached;
    if (source === null) throw new Unauthorized('authorization', INVALID);
    return source;
  }

  /** One query per key at a time, whoever asks; its answer is cached in the cache of its kind. */
  private lookUpOnce(hash: string): Promise<AuthenticatedSource | null> {
    const pending = this.inFlight.get(hash);
    if (pending) return pending;
    const stranger = this.familiar.get(hash) === undefined;
    if (stranger && this.strangerLookups >= STRANGER_LOOKUPS_MAX) {
      return Promise.reject(new Unavailable('cannot check write keys right now; retry later', 1));
    }
    if (stranger) this.strangerLookups++;
    const lookup = this.lookUp(hash)
      .then((source) => {
        if (source === null) {
          this.unknown.set(hash, true);
        } else {
          this.cache.set(hash, source);
          this.familiar.set(hash, true);
        }
        return source;
      })
      .finally(() => {
        this.inFlight.delete(hash);
        if (stranger) this.strangerLookups--;
      });
    this.inFlight.set(hash, lookup);
    return lookup;
  }

  /** A revoked or changed source (allowed origins): its cached lookups go now, so that the next request asks Postgres. */
  forgetSource(keyId: string): void {
    this.cache.deleteWhere((source) => source.keyId === keyId);
  }

  private async lookUp(hash: string): Promise<AuthenticatedSource | null> {
    const found = await this.keys.findActiveByHash(hash).catch((): never => {
      throw new Unavailable('cannot check write keys right now; retry later', 1);
    });
    return found !== null && hashesEqual(found.keyHash, hash) ? { keyId: found.id, name: found.name, allowedOrigins: found.allowedOrigins } : null;
  }
}
