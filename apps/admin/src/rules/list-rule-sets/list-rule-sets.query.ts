import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { encodePageCursor, pageLimitOrThrow, readPageCursor } from '@leadscore/http';
import { PG_POOL } from '../../admin.tokens';

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

// One row more than asked says whether there is a next page.
const SQL = `
  SELECT version, name, created_at, author, is_active FROM rule_sets
  WHERE ($1::int IS NULL OR version < $1) ORDER BY version DESC LIMIT $2`;

/** Every version, newest first, a page at a time. */
@Injectable()
export class ListRuleSetsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(query: { cursor?: unknown; limit?: unknown }): Promise<RuleSetPage> {
    const limit = pageLimitOrThrow(query.limit, DEFAULT_LIMIT);
    const before = query.cursor === undefined || query.cursor === '' ? null : decodeCursor(query.cursor);
    const result = await this.pool.query(SQL, [before, limit + 1]);
    const rows = result.rows.slice(0, limit);
    return {
      items: rows.map((row) => ({
        version: row.version, name: row.name, createdAt: row.created_at.toISOString(), author: row.author, active: row.is_active,
      })),
      nextCursor: result.rows.length > limit ? encodeCursor(rows[rows.length - 1].version) : null,
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
