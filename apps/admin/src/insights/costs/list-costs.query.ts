import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { pageLimitOrThrow, ValidationFailed } from '@leadscore/http';
import { PG_POOL } from '../../admin.tokens';
import { type CostView, decodeCostCursor, encodeCostCursor } from './cost-view';

const DEFAULT_LIMIT = 100;

// Keyset on the primary key (source, month); one row more than asked says whether there is a next page.
const SQL = `
  SELECT source, to_char(month, 'YYYY-MM-DD') AS month, amount, currency FROM insight_costs
   WHERE $1::varchar IS NULL OR (source, month) > ($1, $2::date)
   ORDER BY source, month LIMIT $3`;

/** `GET /v1/insights/costs?cursor=&limit=`: every cost, by source then month. */
@Injectable()
export class ListCostsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(query: { cursor?: string; limit?: string }): Promise<{ items: CostView[]; nextCursor: string | null }> {
    const limit = pageLimitOrThrow(query.limit, DEFAULT_LIMIT);
    const after = query.cursor ? decodeCostCursor(query.cursor) : null;
    if (query.cursor && after === null) throw new ValidationFailed([{ path: 'cursor', message: 'cursor must be a nextCursor from an earlier page' }]);
    const result = await this.pool.query<{ source: string; month: string; amount: number; currency: string }>(SQL, [after?.source ?? null, after?.month ?? null, limit + 1]);
    const rows = result.rows.slice(0, limit);
    const last = rows[rows.length - 1];
    return {
      items: rows.map((r) => ({ source: r.source, month: r.month.slice(0, 7), amount: Number(r.amount), currency: r.currency })),
      nextCursor: result.rows.length > limit ? encodeCostCursor(last.source, last.month) : null,
    };
  }
}
