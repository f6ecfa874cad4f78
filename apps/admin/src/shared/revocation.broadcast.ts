import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { JsonLogger } from '@leadscore/observability';
import { REDIS } from '../admin.tokens';

export interface LostAnnouncement {
  /** The log context of the warning (`sources`, `tokens`). */
  context: string;
  /** What the warning says, with how soon the readers' caches expire anyway. */
  warning: string;
  /** The id's name on the warning (`sourceId`, `tokenId`). */
  idField: string;
}

/**
 * Publishes on Redis the id of something other processes cache (a write key, an ops token), so
 * that they drop it at once. Never throws: should the announcement be lost, their cache TTL still
 * ends the stale entry (the database is the truth, Redis only makes it quick), and a warning says so.
 */
@Injectable()
export class RevocationBroadcast {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    private readonly logger: JsonLogger,
  ) {}

  async announce(channelOf: (namespace: string) => string, id: string, lost: LostAnnouncement): Promise<void> {
    await this.redis.publish(channelOf(this.config.namespace), id).catch((error: unknown) => {
      this.logger.child(lost.context).warn(lost.warning, { [lost.idField]: id, error: String(error) });
    });
  }
}
