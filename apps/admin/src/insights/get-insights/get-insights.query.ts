import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '../../admin.tokens';
import { cohortQuery } from '../cohort-query';
import { readCurrency } from '../costs/currency';
import { parseInsightWindow } from '../insight-window.param';
import { COHORT_COUNTS_SQL, COHORT_MEDIANS_SQL, COSTS_SQL } from './cohort.sql';
import { type CohortAggregates, insightsReport, type InsightsAnswer, monthsOverlapping, type SourceAggregate } from './insights-report';

interface CountRow {
  source: string | null;
  stage: string;
  bucket: number;
  leads: number;
  mql: number;
  sql: number;
  opportunity: number;
  customers: number;
  revenue_cents: string;
}

interface MedianRow {
  source: string | null;
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
    const cohort = [new Date(window.from), new Date(window.to), window.source];
    // Counts and medians are two scans of the covering index, side by side on two connections.
    const [counts, medians, costs, currency] = await Promise.all([
      cohortQuery<CountRow>(this.pool, COHORT_COUNTS_SQL, cohort),
      cohortQuery<MedianRow>(this.pool, COHORT_MEDIANS_SQL, cohort),
      this.pool.query<{ source: string; cost_cents: string }>(COSTS_SQL, [months.first, months.last, window.source]),
      readCurrency(this.pool),
    ]);
    return insightsReport(window, aggregatesOf(counts, medians), new Map(costs.rows.map((r) => [r.source, Number(r.cost_cents)])), currency);
  }
}

/** The counts added up by source, by stage and by bucket; the medians put on their source. */
function aggregatesOf(counts: CountRow[], medians: MedianRow[]): CohortAggregates {
  const bySource = new Map<string | null, SourceAggregate>();
  const out: CohortAggregates = { bySource: [], stages: new Map(), buckets: new Map() };
  for (const row of counts) {
    let source = bySource.get(row.source);
    if (source === undefined) {
      source = { source: row.source, leads: 0, mql: 0, sql: 0, opportunity: 0, customers: 0, revenueCents: 0, medianDaysToMql: null, medianDaysToCustomer: null };
      bySource.set(row.source, source);
    }
    source.leads += row.leads;
    source.mql += row.mql;
    source.sql += row.sql;
    source.opportunity += row.opportunity;
    source.customers += row.customers;
    source.revenueCents += Number(row.revenue_cents);
    out.stages.set(row.stage, (out.stages.get(row.stage) ?? 0) + row.leads);
    out.buckets.set(row.bucket, (out.buckets.get(row.bucket) ?? 0) + row.leads);
  }
  for (const row of medians) {
    const source = bySource.get(row.source);
    if (source === undefined) continue;
    source.medianDaysToMql = days(row.median_days_to_mql);
    source.medianDaysToCustomer = days(row.median_days_to_customer);
  }
  out.bySource = [...bySource.values()];
  return out;
}

/** Days to 2 decimals (float8 from PostgreSQL), null when no lead got there. */
function days(value: number | null): number | null {
  return value === null ? null : Math.round(Number(value) * 100) / 100;
}
