import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type Repository } from 'typeorm';
import { pageLimitOrThrow, ValidationFailed } from '@leadscore/http';
import { decodeWriteKeyCursor, encodeWriteKeyCursor, WriteKeyEntity } from '@leadscore/persistence';
import { DATA_SOURCE } from '../../admin.tokens';

export interface SourceView {
  id: string;
  name: string;
  keyPrefix: string;
  allowedOrigins: string[];
  createdAt: string;
  revokedAt: string | null;
}

const DEFAULT_LIMIT = 100;

/** `GET /v1/sources?cursor=&limit=`: every source, oldest first, revoked ones included; never a key nor its hash. */
@Injectable()
export class ListSourcesQuery {
  private readonly keys: Repository<WriteKeyEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.keys = dataSource.getRepository(WriteKeyEntity);
  }

  async execute(query: { cursor?: string; limit?: string }): Promise<{ items: SourceView[]; nextCursor: string | null }> {
    const limit = pageLimitOrThrow(query.limit, DEFAULT_LIMIT);
    const after = query.cursor ? decodeWriteKeyCursor(query.cursor) : null;
    if (query.cursor && after === null) throw new ValidationFailed([{ path: 'cursor', message: 'cursor must be a nextCursor from an earlier page' }]);
    const page = this.keys.createQueryBuilder('k')
      .select(['k.id', 'k.name', 'k.keyPrefix', 'k.allowedOrigins', 'k.createdAt', 'k.revokedAt'])
      // A Date keeps milliseconds; the cursor needs the microseconds, or keys made in the same millisecond are skipped.
      .addSelect('k.created_at::text', 'created_at_text')
      .orderBy('k.createdAt').addOrderBy('k.id')
      .limit(limit + 1);
    if (after) page.where('(k.createdAt, k.id) > (:createdAt::timestamptz, :id)', after);
    const { entities, raw } = await page.getRawAndEntities<{ k_id: string; created_at_text: string }>();
    const rows = entities.slice(0, limit);
    const last = rows.at(-1);
    return {
      items: rows.map((key) => ({
        id: key.id, name: key.name, keyPrefix: key.keyPrefix, allowedOrigins: key.allowedOrigins,
        createdAt: key.createdAt.toISOString(), revokedAt: key.revokedAt?.toISOString() ?? null,
      })),
      nextCursor: entities.length > limit && last ? encodeWriteKeyCursor({ createdAt: raw.find((row) => row.k_id === last.id)!.created_at_text, id: last.id }) : null,
    };
  }
}
