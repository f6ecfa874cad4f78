import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { ValidationFailed } from '@leadscore/http';
import { PG_POOL } from '../../admin.tokens';
import { parseCostInput } from './cost-input';
import { type CostView } from './cost-view';
import { claimCurrency } from './currency';

/** `PUT /v1/insights/costs/{source}`: what the source cost in a month (replaces that month's figure). */
@Injectable()
export class PutCostHandler {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(source: string, body: unknown): Promise<CostView> {
    const parsed = parseCostInput(source, body);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const cost = parsed.cost;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const currency = await claimCurrency(client, cost.currency);
      if (currency !== cost.currency) {
        throw new ValidationFailed([{ path: 'currency', message: `this installation counts costs in ${currency}; every cost must be in ${currency}` }]);
      }
      await client.query(
        `INSERT INTO insight_costs (source, month, amount, currency, updated_at) VALUES ($1, $2::date, $3, $4, now())
         ON CONFLICT (source, month) DO UPDATE SET amount = EXCLUDED.amount, updated_at = now()`,
        [cost.source, cost.month, cost.amount, cost.currency],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return { source: cost.source, month: cost.month.slice(0, 7), amount: cost.amount, currency: cost.currency };
  }
}
