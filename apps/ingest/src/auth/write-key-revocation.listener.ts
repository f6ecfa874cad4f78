import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { type ContextLogger, JsonLogger } from '@leadscore/observability';
import { writeKeyRevokedChannel } from '@leadscore/persistence';
import { IngestConnections } from '../ingest.connections';
import { WriteKeyAuthenticator } from './write-key.authenticator';

/**
 * Listens for revocations the admin API announces on Redis and drops the revoked source's cached
 * lookups, so that its key stops working at once. When Redis is away the cache TTL (5 s) still
 * bounds how long a revoked key works.
 */
@Injectable()
export class WriteKeyRevocationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscriber: Redis | null = null;
  private readonly logger: ContextLogger;

  constructor(
    private readonly connections: IngestConnections,
    private readonly authenticator: WriteKeyAuthenticator,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    logger: JsonLogger,
  ) {
    this.logger = logger.child('write-key-revocations');
  }

  onApplicationBootstrap(): void {
    const subscriber = this.connections.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (error: Error) => this.logger.debug('redis subscriber error', { error: error.message }));
    subscriber.on('message', (_channel: string, keyId: string) => this.authenticator.forgetSource(keyId));
    // Not awaited: with Redis away, ioredis queues the command, and start-up must not wait for it.
    // ioredis subscribes again by itself after a reconnection.
    subscriber.subscribe(writeKeyRevokedChannel(this.config.namespace)).catch((error: unknown) => {
      this.logger.warn('not subscribed to write key revocations yet; the cache TTL still applies', { error: String(error) });
    });
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }
}
