import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { JsonLogger } from '@leadscore/observability';
import { apiTokenRevokedChannel, subscribeToRevocations } from '@leadscore/persistence';
import { REDIS } from '../admin.tokens';
import { ApiTokenAuthenticator } from './api-token.authenticator';

/**
 * Drops a revoked token's cached lookup when any admin process announces the revocation on Redis.
 * With Redis away, the cache TTL (1 s) still bounds how long a revoked token works.
 */
@Injectable()
export class ApiTokenRevocationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly authenticator: ApiTokenAuthenticator,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = subscribeToRevocations({
      redis: this.redis,
      channel: apiTokenRevokedChannel(this.config.namespace),
      forget: (tokenId) => this.authenticator.forget(tokenId),
      log: this.logger.child('api-token-revocations'),
      what: 'token revocations',
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }
}
