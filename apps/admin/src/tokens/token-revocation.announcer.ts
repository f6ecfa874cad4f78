import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { JsonLogger } from '@leadscore/observability';
import { apiTokenRevokedChannel } from '@leadscore/persistence';
import { REDIS } from '../admin.tokens';
import { ApiTokenAuthenticator } from '../auth/api-token.authenticator';

/**
 * A revoked token: dropped from this process's cache at once, and announced on Redis to every other
 * admin process. Should the announcement be lost, their cache TTL (1 s) still ends it.
 */
@Injectable()
export class TokenRevocationAnnouncer {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    private readonly authenticator: ApiTokenAuthenticator,
    private readonly logger: JsonLogger,
  ) {}

  async announce(tokenId: string): Promise<void> {
    this.authenticator.forget(tokenId);
    await this.redis.publish(apiTokenRevokedChannel(this.config.namespace), tokenId).catch((error: unknown) => {
      this.logger.child('tokens').warn('token revocation not announced; other admin caches expire within 1 s', { tokenId, error: String(error) });
    });
  }
}
