import { type Column, renderTable } from '../output/table.format';

/** `GET /v1/insights` as docs/ops-api.md "Insights" shapes it (fields the CLI shows; others are ignored). */
export interface InsightsAnswer {
  from: string;
  to: string;
  leads: number;
  funnel: Array<{ stage: string; reached: number; conversionFromPrevious: number | null }>;
  bySource: Array<{ source: string | null; leads: number; mql: number; sql: number; customers: number; mqlToSqlRate: number | null; leadToCustomerRate: number | null; costPerLead: number | null; roi: number | null }>;
}

/** A fraction as a percentage with one decimal; `-` when the rate is undefined (null). */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '-' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

const amount = (value: number | null) => (value === null ? '-' : value.toFixed(2));

const FUNNEL: ReadonlyArray<Column<InsightsAnswer['funnel'][number]>> = [
  { header: 'STAGE', value: (row) => row.stage },
  { header: 'REACHED', value: (row) => row.reached, align: 'right' },
  { header: 'FROM PREVIOUS', value: (row) => percent(row.conversionFromPrevious), align: 'right' },
];

const SOURCES: ReadonlyArray<Column<InsightsAnswer['bySource'][number]>> = [
  { header: 'SOURCE', value: (row) => row.source ?? '(none)' },
  { header: 'LEADS', value: (row) => row.leads, align: 'right' },
  { header: 'MQL', value: (row) => row.mql, align: 'right' },
  { header: 'SQL', value: (row) => row.sql, align: 'right' },
  { header: 'CUSTOMERS', value: (row) => row.customers, align: 'right' },
  { header: 'MQL→SQL', value: (row) => percent(row.mqlToSqlRate), align: 'right' },
  { header: 'LEAD→CUSTOMER', value: (row) => percent(row.leadToCustomerRate), align: 'right' },
  { header: 'COST/LEAD', value: (row) => amount(row.costPerLead), align: 'right' },
  { header: 'ROI', value: (row) => percent(row.roi), align: 'right' },
];

/** The cohort's funnel and its conversion by source, as tables. */
export function formatInsights(insights: InsightsAnswer): string {
  return [`leads first seen in [${insights.from}, ${insights.to}): ${insights.leads}`, '', renderTable(FUNNEL, insights.funnel), '', renderTable(SOURCES, insights.bySource)].join('\n');
}
