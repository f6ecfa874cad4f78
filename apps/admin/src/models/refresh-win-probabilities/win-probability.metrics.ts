import { type Metrics, registeredOnce } from '@leadscore/observability';
import { type Counter } from 'prom-client';

export interface WinProbabilityMetrics {
  refreshed: Counter;
  failedPasses: Counter;
}

/** Stored win probabilities (re)computed, and refresher passes that failed. */
export const winProbabilityMetrics = registeredOnce((metrics: Metrics): WinProbabilityMetrics => ({
  refreshed: metrics.counter('win_probabilities_refreshed_total', 'Stored win probabilities of the lead list (re)computed by the refresher'),
  failedPasses: metrics.counter('win_probability_refresh_failures_total', 'Win probability refresher passes that failed (the next period retries)'),
}));
