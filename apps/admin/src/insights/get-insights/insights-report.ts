import { type InsightWindow } from '../insight-window.param';

/** What the cohort query counts for one first-touch source (null: leads whose events named none). */
export interface SourceAggregate {
  source: string | null;
  leads: number;
  mql: number;
  sql: number;
  opportunity: number;
  customers: number;
  revenueCents: number;
  medianDaysToMql: number | null;
  medianDaysToCustomer: number | null;
}

export interface CohortAggregates {
  bySource: SourceAggregate[];
  /** Current stage → leads of the cohort in it. */
  stages: Map<string, number>;
  /** Histogram bucket (see SCORE_BUCKETS) → leads of the cohort in it. */
  buckets: Map<number, number>;
}

export interface FunnelStep {
  stage: string;
  reached: number;
  conversionFromPrevious: number | null;
}

export interface SourceInsights {
  source: string | null;
  leads: number;
  mql: number;
  sql: number;
  customers: number;
  mqlToSqlRate: number | null;
  leadToCustomerRate: number | null;
  medianDaysToMql: number | null;
  medianDaysToCustomer: number | null;
  cost: number | null;
  costPerLead: number | null;
  costPerCustomer: number | null;
  revenue: number;
  roi: number | null;
}

export interface InsightsAnswer {
  from: string;
  to: string;
  source: string | null;
  currency: string | null;
  leads: number;
  funnel: FunnelStep[];
  bySource: SourceInsights[];
  stageCounts: Record<string, number>;
  scoreHistogram: Array<{ from: number | null; to: number | null; count: number }>;
}

export const STAGES = ['new', 'mql', 'contacted', 'sql', 'opportunity', 'customer', 'nurture', 'unqualified', 'inactive'] as const;

/**
 * Score buckets: below 0, then ten points wide from 0 to 100, then 100 and more. Bucket i is
 * [10·i, 10·(i+1)); -1 and 10 are the open ends (the cohort query computes the same index).
 */
export const SCORE_BUCKETS: ReadonlyArray<{ index: number; from: number | null; to: number | null }> = [
  { index: -1, from: null, to: 0 },
  ...Array.from({ length: 10 }, (_, i) => ({ index: i, from: i * 10, to: (i + 1) * 10 })),
  { index: 10, from: 100, to: null },
];

/**
 * The insights answer (docs/ops-api.md "Insights") from the cohort's aggregates and the costs (cents per source)
 * of the months the window overlaps. Rates are fractions, null when their denominator is 0; money
 * in the installation's currency, to the cent; roi to 4 decimals; never NaN.
 */
export function insightsReport(window: InsightWindow, cohort: CohortAggregates, costCents: Map<string, number>, currency: string | null): InsightsAnswer {
  const bySource = withCostOnlySources(cohort.bySource, costCents, window.source);
  const total = sumOf(cohort.bySource);
  const reached = [['new', total.leads], ['mql', total.mql], ['sql', total.sql], ['opportunity', total.opportunity], ['customer', total.customers]] as const;
  return {
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
    source: window.source,
    currency,
    leads: total.leads,
    funnel: reached.map(([stage, count], i) => ({ stage, reached: count, conversionFromPrevious: i === 0 ? null : rate(count, reached[i - 1][1]) })),
    bySource: bySource.map((s) => sourceInsights(s, s.source === null ? undefined : costCents.get(s.source))),
    stageCounts: Object.fromEntries(STAGES.map((stage) => [stage, cohort.stages.get(stage) ?? 0])),
    scoreHistogram: SCORE_BUCKETS.map((b) => ({ from: b.from, to: b.to, count: cohort.buckets.get(b.index) ?? 0 })),
  };
}

function sourceInsights(s: SourceAggregate, costCents: number | undefined): SourceInsights {
  const cost = costCents ?? null;
  return {
    source: s.source,
    leads: s.leads,
    mql: s.mql,
    sql: s.sql,
    customers: s.customers,
    mqlToSqlRate: rate(s.sql, s.mql),
    leadToCustomerRate: rate(s.customers, s.leads),
    medianDaysToMql: s.medianDaysToMql,
    medianDaysToCustomer: s.medianDaysToCustomer,
    cost: cost === null ? null : cost / 100,
    costPerLead: cost === null || s.leads === 0 ? null : Math.round(cost / s.leads) / 100,
    costPerCustomer: cost === null || s.customers === 0 ? null : Math.round(cost / s.customers) / 100,
    revenue: s.revenueCents / 100,
    roi: cost === null || cost === 0 ? null : Math.round(((s.revenueCents - cost) / cost) * 10_000) / 10_000,
  };
}

/** A source that cost money in the window but brought no lead still shows (it is all cost). */
function withCostOnlySources(bySource: SourceAggregate[], costCents: Map<string, number>, only: string | null): SourceAggregate[] {
  const known = new Set(bySource.map((s) => s.source));
  const extra = [...costCents.keys()].filter((source) => !known.has(source) && (only === null || source === only)).map(noLeads);
  return [...bySource, ...extra].sort(bySourceName);
}

function noLeads(source: string): SourceAggregate {
  return { source, leads: 0, mql: 0, sql: 0, opportunity: 0, customers: 0, revenueCents: 0, medianDaysToMql: null, medianDaysToCustomer: null };
}

/** By name; leads without a source last. */
function bySourceName(a: SourceAggregate, b: SourceAggregate): number {
  if (a.source === b.source) return 0;
  if (a.source === null) return 1;
  if (b.source === null) return -1;
  return a.source < b.source ? -1 : 1;
}

function sumOf(rows: SourceAggregate[]): Pick<SourceAggregate, 'leads' | 'mql' | 'sql' | 'opportunity' | 'customers'> {
  const total = { leads: 0, mql: 0, sql: 0, opportunity: 0, customers: 0 };
  for (const r of rows) {
    total.leads += r.leads;
    total.mql += r.mql;
    total.sql += r.sql;
    total.opportunity += r.opportunity;
    total.customers += r.customers;
  }
  return total;
}

/** A fraction, null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The calendar months (first days, YYYY-MM-01) whose costs a window overlaps: [from's month, the month of the instant before to]. */
export function monthsOverlapping(window: Pick<InsightWindow, 'from' | 'to'>): { first: string; last: string } {
  return { first: monthStart(window.from), last: monthStart(window.to - 1) };
}

function monthStart(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
}
