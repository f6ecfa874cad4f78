import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { type ContextLogger, JsonLogger } from '@leadscore/observability';
import { apiTokenRevokedChannel } from '@leadscore/persistence';
import { REDIS } from '../admin.tokens';
import { ApiTokenAuthenticator } from './api-token.authenticator';

/**
 * Drops a revoked token's cached lookup when any admin process announces the revocation on Redis.
 * With Redis away, the cache TTL (1 s) still bounds how long a revoked token works.
 */
@Injectable()
export class ApiTokenRevocationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscriber: Redis | null = null;
  private readonly logger: ContextLogger;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly authenticator: ApiTokenAuthenticator,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    logger: JsonLogger,
  ) {
    this.logger = logger.child('api-token-revocations');
  }

  onApplicationBootstrap(): void {
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (error: Error) => this.logger.debug('redis subscriber error', { error: error.message }));
    subscriber.on('message', (_channel: string, tokenId: string) => this.authenticator.forget(tokenId));
    // Not awaited: start-up must not wait for Redis; ioredis subscribes again after a reconnection.
    subscriber.subscribe(apiTokenRevokedChannel(this.config.namespace)).catch((error: unknown) => {
      this.logger.warn('not subscribed to token revocations yet; the cache TTL still applies', { error: String(error) });
    });
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }
}
