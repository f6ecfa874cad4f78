import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { pageLimitOrThrow, ValidationFailed } from '@leadscore/http';
import { decodeWriteKeyCursor, WriteKeyRepository } from '@leadscore/persistence';
import { PG_POOL } from '../../admin.tokens';

export interface SourceView {
  id: string;
  name: string;
  keyPrefix: string;
  allowedOrigins: string[];
  createdAt: string;
  revokedAt: string | null;
}

const DEFAULT_LIMIT = 100;

/** `GET /v1/sources?cursor=&limit=`: every source, oldest first; never a key. */
@Injectable()
export class ListSourcesQuery {
  private readonly keys: WriteKeyRepository;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.keys = new WriteKeyRepository(pool);
  }

  async execute(query: { cursor?: string; limit?: string }): Promise<{ items: SourceView[]; nextCursor: string | null }> {
    const limit = pageLimitOrThrow(query.limit, DEFAULT_LIMIT);
    const after = query.cursor ? decodeWriteKeyCursor(query.cursor) : null;
    if (query.cursor && after === null) throw new ValidationFailed([{ path: 'cursor', message: 'cursor must be a nextCursor from an earlier page' }]);
    const page = await this.keys.list({ after, limit });
    return {
      items: page.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString(), revokedAt: item.revokedAt?.toISOString() ?? null })),
      nextCursor: page.nextCursor,
    };
  }
}
