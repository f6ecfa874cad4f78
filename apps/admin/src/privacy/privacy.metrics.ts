import { type Metrics, registeredOnce } from '@leadscore/observability';
import { type Counter } from 'prom-client';

export interface PrivacyMetrics {
  erasures: Counter;
  erasedRows: Counter;
  exports: Counter;
}

/** Erasures by outcome (`requested`, `done`), rows they removed by table, exports answered. */
export const privacyMetrics = registeredOnce((metrics: Metrics): PrivacyMetrics => ({
  erasures: metrics.counter('erasures_total', 'Lead erasures, by outcome (requested, resumed, done)', ['outcome']),
  erasedRows: metrics.counter('erased_rows_total', 'Rows removed by erasures, by table', ['table']),
  exports: metrics.counter('lead_exports_total', 'Lead exports answered'),
}));
