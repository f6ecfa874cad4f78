import { type DynamicModule, Module } from '@nestjs/common';
import { groupId, TOPICS, topicName } from '@leadscore/contracts';
import { consumerMetrics, KafkaBatchTransport, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { isolateDatabaseRefusals } from '@leadscore/persistence';
import { type WorkerDeps, workerObservability } from '@leadscore/worker';
import { HandoffWorker } from './handoff-worker';
import { handoffMetrics } from './handoff.metrics';
import { HANDOFF_METRICS, HANDOFF_PRODUCER, LEAD_SCORES_TRANSPORT, PG_POOL } from './handoff.tokens';
import { LeadScoresController } from './handoffs/lead-scores.controller';

/** The worker plus a small HTTP surface of its own (libs/worker `workerObservability`). */
@Module({})
export class HandoffModule {
  static forRoot(deps: WorkerDeps): DynamicModule {
    const { config, kafka, pool } = deps;
    const { progress, imports } = workerObservability(deps);
    return {
      module: HandoffModule,
      imports,
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
