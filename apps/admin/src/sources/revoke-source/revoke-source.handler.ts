import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { type Pool } from 'pg';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { NotFound } from '@leadscore/http';
import { JsonLogger } from '@leadscore/observability';
import { WriteKeyRepository, writeKeyRevokedChannel } from '@leadscore/persistence';
import { PG_POOL, REDIS } from '../../admin.tokens';

/**
 * Revokes a source's write key in Postgres, then tells every ingest instance on Redis so that
 * they drop their cached lookup at once. Should the announcement be lost, their cache TTL (5 s)
 * still ends the key: the database is the truth, Redis only makes it quick.
 */
@Injectable()
export class RevokeSourceHandler {
  private readonly keys: WriteKeyRepository;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    private readonly logger: JsonLogger,
  ) {
    this.keys = new WriteKeyRepository(pool);
  }

  async execute(id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw new NotFound('id', `no active source "${id.slice(0, 64)}"`);
    await this.redis.publish(writeKeyRevokedChannel(this.config.namespace), id).catch((error: unknown) => {
      this.logger.child('sources').warn('revocation not announced; ingest caches expire within 5 s', { sourceId: id, error: String(error) });
    });
  }
}
