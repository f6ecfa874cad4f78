import { type Metrics, registeredOnce } from '@leadscore/observability';
import { type Counter, type Gauge } from 'prom-client';

export interface JobMetrics {
  processed: Counter;
  eventsPerSecond: Gauge;
  finished: Counter;
}

/** Progress of replays and simulations, labelled by job kind; registered once per process. */
export const jobMetrics = registeredOnce((metrics: Metrics): JobMetrics => ({
  processed: metrics.counter('replay_events_processed_total', 'Events folded by replays and simulations, by job', ['job']),
  eventsPerSecond: metrics.gauge('replay_events_per_second', 'Throughput of the running replay or simulation, by job', ['job']),
  finished: metrics.counter('replay_jobs_finished_total', 'Replays and simulations finished, by job and outcome', ['job', 'outcome']),
}));
