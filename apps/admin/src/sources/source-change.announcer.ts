import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { JsonLogger } from '@leadscore/observability';
import { writeKeyRevokedChannel } from '@leadscore/persistence';
import { REDIS } from '../admin.tokens';

/**
 * Tells every ingest instance on Redis that a source was revoked or changed, so that they drop
 * its cached lookup at once. Should the announcement be lost, their cache TTL (5 s) still ends
 * the stale entry: the database is the truth, Redis only makes it quick.
 */
@Injectable()
export class SourceChangeAnnouncer {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    private readonly logger: JsonLogger,
  ) {}

  async announce(sourceId: string): Promise<void> {
    await this.redis.publish(writeKeyRevokedChannel(this.config.namespace), sourceId).catch((error: unknown) => {
      this.logger.child('sources').warn('source change not announced; ingest caches expire within 5 s', { sourceId, error: String(error) });
    });
  }
}
