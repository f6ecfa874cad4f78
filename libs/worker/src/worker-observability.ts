import { type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@leadscore/config';
import { KafkaHealthCheck, PartitionProgress, partitionProgressHealthCheck, registerPartitionProgressMetrics } from '@leadscore/kafka';
import { ObservabilityModule } from '@leadscore/observability';
import { postgresHealthCheck, redisHealthCheck } from '@leadscore/persistence';
import { type WorkerDeps } from './worker-deps';

export interface WorkerObservability {
  /** The consumer's partition progress: give it to the worker's batch transport. */
  progress: PartitionProgress;
  /** The config and observability modules, for the worker module's `imports`. */
  imports: DynamicModule[];
}

/**
 * A worker's small HTTP surface: /health/live, /health/ready (Kafka, PostgreSQL, Redis, and 503
 * while a consumer partition is stalled, see PartitionProgress), /metrics with the stall metrics.
 */
export function workerObservability(deps: WorkerDeps): WorkerObservability {
  const { config, kafka, pool, redis } = deps;
  const progress = new PartitionProgress({ stallAfterMs: config.consumerStallAfterMs, now: () => Date.now() });
  registerPartitionProgressMetrics(deps.metrics, progress);
  return {
    progress,
    imports: [
      ConfigModule.forRoot(config),
      ObservabilityModule.forRoot({
        logger: deps.logger,
        metrics: deps.metrics,
        healthChecks: {
          useFactory: () => [new KafkaHealthCheck(kafka), postgresHealthCheck(pool), redisHealthCheck(redis), partitionProgressHealthCheck(progress)],
        },
      }),
    ],
  };
}
