import { ApiRoute, PAGE_QUERY, pageOf } from '@leadscore/http';

const WINDOW = [
  { name: 'from', description: 'Cohort start (ISO-8601): leads first seen from then', schema: { type: 'string' as const, format: 'date-time' } },
  { name: 'to', description: 'Cohort end (ISO-8601, exclusive); at most 2 years after from', schema: { type: 'string' as const, format: 'date-time' } },
  { name: 'source', description: 'One first-touch source only' },
];
const COST = { type: 'object' as const, properties: { source: { type: 'string' }, month: { type: 'string' }, amount: { type: 'number' }, currency: { type: 'string' } } };

/** A report on the cohort of a window (insight-window.param.ts), answered as one JSON object. */
function cohortReport(route: { summary: string; description: string; answer: string }) {
  return ApiRoute({
    summary: route.summary,
    description: route.description,
    security: 'admin',
    query: WINDOW,
    ok: { status: 200, description: route.answer, schema: { type: 'object', additionalProperties: true } },
    errors: [400, 401],
  });
}

/** The insights routes in the document (insights.controller.ts); answers as docs/ops-api.md "Insights" shapes them. */
export const InsightsDocs = {
  show: cohortReport({
    summary: 'Funnel, conversion, cost and ROI of a cohort',
    description: 'The leads first seen in [from, to): funnel by stage, conversion per source, medians, cost per lead, revenue and ROI, stage counts, score histogram. Rates are fractions or null.',
    answer: 'The report',
  }),
  thresholds: cohortReport({
    summary: 'MQL threshold backtest',
    description: 'For thresholds from 0 to the highest peak score in steps of 5: how many won and lost leads had reached it before their outcome; precision, recall, F1; the active and the best threshold.',
    answer: 'The backtest',
  }),
  costs: ApiRoute({ summary: 'Campaign costs by source and month', security: 'admin', query: PAGE_QUERY, ok: { status: 200, description: 'A page of costs', schema: pageOf(COST) }, errors: [400, 401] }),
  put: ApiRoute({
    summary: 'Set a source’s cost for a month',
    description: 'One currency per installation, set by the first PUT.',
    security: 'admin',
    params: [{ name: 'source', description: 'The source (as events carry it)', example: 'salon-2026' }],
    body: { schema: { type: 'object', properties: { month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, amount: { type: 'number', minimum: 0 }, currency: { type: 'string' } }, required: ['month', 'amount', 'currency'] }, examples: { november: { value: { month: '2026-11', amount: 1200.5, currency: 'EUR' } } } },
    ok: { status: 200, description: 'Stored', schema: COST },
    errors: [400, 401, 409],
  }),
};
