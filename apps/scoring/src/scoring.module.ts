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
import { LeadEventsController } from './pipeline/lead-events.controller';
import { pgScoringStore } from './pipeline/pg-scoring-store';
import { type ScoringStepsDeps } from './pipeline/scoring-steps';
import { ActiveRuleSet } from './rules/active-rule-set';
import { ScoringWorker } from './scoring-worker';
import { type ScoringMetrics, scoringMetrics } from './scoring.metrics';
import { KAFKA, LEAD_EVENTS_TRANSPORT, PG_POOL, SCORING_METRICS, SCORING_PRODUCER, SCORING_STEPS } from './scoring.tokens';

export interface ScoringModuleOptions {
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
      controllers: [LeadEventsController],
      providers: [
        { provide: KAFKA, useValue: kafka },
        { provide: PG_POOL, useValue: pool },
        { provide: SCORING_METRICS, useFactory: (metrics: Metrics) => scoringMetrics(metrics), inject: [Metrics] },
        { provide: SCORING_PRODUCER, useFactory: () => new ReliableProducer(kafka) },
        { provide: ActiveRuleSet, useFactory: () => new ActiveRuleSet(pool) },
        { provide: SCORING_STEPS, useFactory: scoringStepsDeps, inject: [SCORING_PRODUCER, ActiveRuleSet, SCORING_METRICS] },
        {
          provide: LEAD_EVENTS_TRANSPORT,
          useFactory: (producer: ReliableProducer, metrics: Metrics, worker: ScoringMetrics, logger: JsonLogger) => {
            const transport = new KafkaBatchTransport({
              client: kafka,
              groupId: groupId(config.namespace, 'leadscore-scoring'),
              topics: { [TOPICS.leadEvents]: topicName(config.namespace, 'leadEvents') },
              consumer: {
                maxBytesPerPartition: 4 * 1024 * 1024, maxBytes: 16 * 1024 * 1024, maxWaitTimeInMs: 100,
                sessionTimeout: 10000, rebalanceTimeout: 20000, heartbeatInterval: 3000, partitionsConsumedConcurrently: 3,
              },
              deadLetters: { producer, topic: topicName(config.namespace, 'leadEventsDlq') },
              progress,
              metrics: consumerMetrics(metrics),
              log: logger.child('scoring-worker'),
              isolate: isolateDatabaseRefusals,
            });
            transport.on('group-join', () => worker.groupJoins.inc());
            return transport;
          },
          inject: [SCORING_PRODUCER, Metrics, SCORING_METRICS, JsonLogger],
        },
        ScoringWorker,
      ],
    };

    function scoringStepsDeps(producer: ReliableProducer, rules: ActiveRuleSet, metrics: ScoringMetrics): ScoringStepsDeps {
      const json = <M extends { leadId: string }>(messages: M[]) => messages.map((message) => ({ key: message.leadId, value: JSON.stringify(message) }));
      return {
        store: pgScoringStore(pool),
        ruleSet: () => rules.current(),
        publisher: {
          publish: (changes) => producer.send(topicName(config.namespace, 'leadScores'), json(changes)),
          // Keyed by the lead they go to: its partition, its order.
          forward: (messages) => producer.send(topicName(config.namespace, 'leadEvents'), json(messages)),
          sent: ({ changes, forwarded }) => {
            metrics.scoreChanges.inc(changes);
            metrics.identityMessages.inc(forwarded);
          },
        },
      };
    }
  }
}
