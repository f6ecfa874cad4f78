import { type Metrics } from '@leadscore/observability';
import { type Counter, type Gauge } from 'prom-client';

export interface JobMetrics {
  processed: Counter;
  eventsPerSecond: Gauge;
  finished: Counter;
}

const registered = new WeakMap<Metrics, JobMetrics>();

/** Progress of replays and simulations, labelled by job kind; registered once per process. */
export function jobMetrics(metrics: Metrics): JobMetrics {
  let found = registered.get(metrics);
  if (!found) {
    found = {
      processed: metrics.counter('replay_events_processed_total', 'Events folded by replays and simulations, by job', ['job']),
      eventsPerSecond: metrics.gauge('replay_events_per_second', 'Throughput of the running replay or simulation, by job', ['job']),
      finished: metrics.counter('replay_jobs_finished_total', 'Replays and simulations finished, by job and outcome', ['job', 'outcome']),
    };
    registered.set(metrics, found);
  }
  return found;
}
