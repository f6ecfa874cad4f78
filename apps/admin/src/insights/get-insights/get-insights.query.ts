import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '../../admin.tokens';
import { readCurrency } from '../costs/currency';
import { parseInsightWindow } from '../insight-window.param';
import { type CohortAggregates, insightsReport, type InsightsAnswer, monthsOverlapping } from './insights-report';
import { COHORT_SQL, COSTS_SQL } from './cohort.sql';

interface CohortRow {
  by_other: number;
  source: string | null;
  stage: string | null;
  bucket: number | null;
  leads: number;
  mql: number;
  sql: number;
  opportunity: number;
  customers: number;
  revenue_cents: string;
  median_days_to_mql: number | null;
  median_days_to_customer: number | null;
}

/** `GET /v1/insights?from=&to=&source=`: the funnel, sources, costs and revenue of the leads first seen in the window. */
@Injectable()
export class GetInsightsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(query: Record<string, unknown>): Promise<InsightsAnswer> {
    const window = parseInsightWindow(query);
    const months = monthsOverlapping(window);
    const [cohort, costs, currency] = await Promise.all([
      this.pool.query<CohortRow>(COHORT_SQL, [new Date(window.from), new Date(window.to), window.source]),
      this.pool.query<{ source: string; cost_cents: string }>(COSTS_SQL, [months.first, months.last, window.source]),
      readCurrency(this.pool),
    ]);
    return insightsReport(window, aggregatesOf(cohort.rows), new Map(costs.rows.map((r) => [r.source, Number(r.cost_cents)])), currency);
  }
}

function aggregatesOf(rows: CohortRow[]): CohortAggregates {
  const out: CohortAggregates = { bySource: [], stages: new Map(), buckets: new Map() };
  for (const row of rows) {
    // by_other = 0: the (source) set; else stage or bucket is the one set.
    if (Number(row.by_other) === 0) {
      out.bySource.push({
        source: row.source, leads: row.leads, mql: row.mql, sql: row.sql, opportunity: row.opportunity, customers: row.customers,
        revenueCents: Number(row.revenue_cents), medianDaysToMql: days(row.median_days_to_mql), medianDaysToCustomer: days(row.median_days_to_customer),
      });
    } else if (row.stage !== null) out.stages.set(row.stage, row.leads);
    else if (row.bucket !== null) out.buckets.set(row.bucket, row.leads);
  }
  return out;
}

/** Days to 2 decimals (float8 from PostgreSQL), null when no lead got there. */
function days(value: number | null): number | null {
  return value === null ? null : Math.round(Number(value) * 100) / 100;
}
