import { type DynamicModule, Module } from '@nestjs/common';
import { type Pool } from 'pg';
import { ConfigModule, type LeadscoreConfig } from '@leadscore/config';
import { groupId, TOPICS, topicName } from '@leadscore/contracts';
import {
  consumerMetrics, type KafkaClient, KafkaBatchTransport, KafkaHealthCheck, PartitionProgress, partitionProgressHealthCheck,
  registerPartitionProgressMetrics, ReliableProducer,
} from '@leadscore/kafka';
import { JsonLogger, Metrics, ObservabilityModule } from '@leadscore/observability';
import { isolateDatabaseRefusals, postgresHealthCheck, redisHealthCheck } from '@leadscore/persistence';
import type Redis from 'ioredis';
import { HandoffWorker } from './handoff-worker';
import { handoffMetrics } from './handoff.metrics';
import { HANDOFF_METRICS, HANDOFF_PRODUCER, LEAD_SCORES_TRANSPORT, PG_POOL } from './handoff.tokens';
import { LeadScoresController } from './handoffs/lead-scores.controller';

export interface HandoffModuleOptions {
  config: LeadscoreConfig;
  logger: JsonLogger;
  metrics: Metrics;
  kafka: KafkaClient;
  pool: Pool;
  redis: Redis;
}

/** The worker plus a small HTTP surface of its own: /health/live, /health/ready (also 503 while a
 * consumer partition is stalled, see PartitionProgress), /metrics. */
@Module({})
export class HandoffModule {
  static forRoot(options: HandoffModuleOptions): DynamicModule {
    const { config, kafka, pool, redis } = options;
    const progress = new PartitionProgress({ stallAfterMs: config.consumerStallAfterMs, now: () => Date.now() });
    registerPartitionProgressMetrics(options.metrics, progress);
    return {
      module: HandoffModule,
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
      controllers: [LeadScoresController],
      providers: [
        { provide: PG_POOL, useValue: pool },
        { provide: HANDOFF_METRICS, useFactory: (metrics: Metrics) => handoffMetrics(metrics), inject: [Metrics] },
        { provide: HANDOFF_PRODUCER, useFactory: () => new ReliableProducer(kafka) },
        {
          provide: LEAD_SCORES_TRANSPORT,
          useFactory: (producer: ReliableProducer, metrics: Metrics, logger: JsonLogger) => new KafkaBatchTransport({
            client: kafka,
            groupId: groupId(config.namespace, 'leadscore-handoff'),
            topics: { [TOPICS.leadScores]: topicName(config.namespace, 'leadScores') },
            consumer: { maxWaitTimeInMs: 100, sessionTimeout: 10000, rebalanceTimeout: 20000, heartbeatInterval: 3000, partitionsConsumedConcurrently: 3 },
            deadLetters: { producer, topic: topicName(config.namespace, 'leadEventsDlq') },
            progress,
            metrics: consumerMetrics(metrics),
            log: logger.child('handoff-worker'),
            isolate: isolateDatabaseRefusals,
          }),
          inject: [HANDOFF_PRODUCER, Metrics, JsonLogger],
        },
        HandoffWorker,
      ],
    };
  }
}
