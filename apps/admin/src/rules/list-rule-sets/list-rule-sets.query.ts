import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, LessThan, type Repository } from 'typeorm';
import { encodePageCursor, pageLimitOrThrow, readPageCursor } from '@leadscore/http';
import { RuleSetEntity } from '@leadscore/persistence';
import { DATA_SOURCE } from '../../admin.tokens';

export interface RuleSetSummary {
  version: number;
  name: string;
  createdAt: string;
  author: string | null;
  active: boolean;
}

export interface RuleSetPage {
  items: RuleSetSummary[];
  nextCursor: string | null;
}

const DEFAULT_LIMIT = 50;

/** Every version, newest first, a page at a time. */
@Injectable()
export class ListRuleSetsQuery {
  private readonly ruleSets: Repository<RuleSetEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.ruleSets = dataSource.getRepository(RuleSetEntity);
  }

  async execute(query: { cursor?: unknown; limit?: unknown }): Promise<RuleSetPage> {
    const limit = pageLimitOrThrow(query.limit, DEFAULT_LIMIT);
    const before = query.cursor === undefined || query.cursor === '' ? null : decodeCursor(query.cursor);
    // One row more than asked says whether there is a next page.
    const rows = await this.ruleSets.find({
      select: { version: true, name: true, createdAt: true, author: true, isActive: true },
      where: before === null ? {} : { version: LessThan(before) },
      order: { version: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({ version: row.version, name: row.name, createdAt: row.createdAt.toISOString(), author: row.author, active: row.isActive })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].version) : null,
    };
  }
}

// Opaque to clients: the last version of the page they have seen.
function encodeCursor(version: number): string {
  return encodePageCursor(version);
}

function decodeCursor(value: unknown): number {
  const text = typeof value === 'string' ? value : '';
  return readPageCursor(text, (version) => (Number.isInteger(version) && (version as number) >= 1 && (version as number) <= 2_147_483_647 ? (version as number) : null));
}
