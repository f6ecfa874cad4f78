import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { JsonLogger } from '@leadscore/observability';
import { subscribeToRevocations, writeKeyRevokedChannel } from '@leadscore/persistence';
import { IngestConnections } from '../ingest.connections';
import { WriteKeyAuthenticator } from './write-key.authenticator';

/**
 * Listens for revocations the admin API announces on Redis and drops the revoked source's cached
 * lookups, so that its key stops working at once. When Redis is away the cache TTL (5 s) still
 * bounds how long a revoked key works.
 */
@Injectable()
export class WriteKeyRevocationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly connections: IngestConnections,
    private readonly authenticator: WriteKeyAuthenticator,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = subscribeToRevocations({
      redis: this.connections.redis,
      channel: writeKeyRevokedChannel(this.config.namespace),
      forget: (keyId) => this.authenticator.forgetSource(keyId),
      log: this.logger.child('write-key-revocations'),
      what: 'write key revocations',
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }
}
