import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFound } from '@leadscore/http';
import { WriteKeyRepository } from '@leadscore/persistence';
import { PG_POOL } from '../../admin.tokens';
import { SourceChangeAnnouncer } from '../source-change.announcer';

/** Revokes a source's write key in Postgres, then announces it so that ingest drops its cached lookup. */
@Injectable()
export class RevokeSourceHandler {
  private readonly keys: WriteKeyRepository;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    private readonly announcer: SourceChangeAnnouncer,
  ) {
    this.keys = new WriteKeyRepository(pool);
  }

  async execute(id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw new NotFound('id', `no active source "${id.slice(0, 64)}"`);
    await this.announcer.announce(id);
  }
}
