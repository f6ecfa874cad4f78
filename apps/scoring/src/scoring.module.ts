import { type DynamicModule, Module } from '@nestjs/common';
import { type Kafka } from 'kafkajs';
import { type Pool } from 'pg';
import { ConfigModule, type LeadscoreConfig } from '@leadscore/config';
import { KafkaHealthCheck, PartitionProgress, partitionProgressHealthCheck, registerPartitionProgressMetrics } from '@leadscore/kafka';
import { type JsonLogger, type Metrics, ObservabilityModule } from '@leadscore/observability';
import { postgresHealthCheck, redisHealthCheck } from '@leadscore/persistence';
import type Redis from 'ioredis';
import { ScoringWorker } from './scoring-worker';
import { KAFKA, PARTITION_PROGRESS, PG_POOL } from './scoring.tokens';

export interface ScoringModuleOptions {
  config: LeadscoreConfig;
  logger: JsonLogger;
  metrics: Metrics;
  kafka: Kafka;
  pool: Pool;
  redis: Redis;
}

/** The worker plus a small HTTP surface of its own: /health/live, /health/ready (also 503 while a
 * consumer partition is stalled, see PartitionProgress), /metrics. */
@Module({})
export class ScoringModule {
  static forRoot(options: ScoringModuleOptions): DynamicModule {
    const { config, kafka, pool, redis } = options;
    const progress = new PartitionProgress({ stallAfterMs: config.consumerStallAfterMs, now: () => Date.now() });
    registerPartitionProgressMetrics(options.metrics, progress);
    return {
      module: ScoringModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({
          logger: options.logger,
          metrics: options.metrics,
          healthChecks: {
            useFactory: () => [
              new KafkaHealthCheck(kafka),
              postgresHealthCheck(pool),
              redisHealthCheck(redis),
              partitionProgressHealthCheck(progress),
            ],
          },
        }),
      ],
      providers: [{ provide: KAFKA, useValue: kafka }, { provide: PG_POOL, useValue: pool },
        { provide: PARTITION_PROGRESS, useValue: progress }, ScoringWorker],
    };
  }
}
