import { type DynamicModule, Module } from '@nestjs/common';
import { groupId, TOPICS, topicName } from '@leadscore/contracts';
import { consumerMetrics, KafkaBatchTransport, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { isolateDatabaseRefusals } from '@leadscore/persistence';
import { type WorkerDeps, workerObservability } from '@leadscore/worker';
import { LeadEventsController } from './pipeline/lead-events.controller';
import { LeadStateCache } from './pipeline/lead-state-cache';
import { pgScoringStore } from './pipeline/pg-scoring-store';
import { type ScoringStepsDeps } from './pipeline/scoring-steps';
import { ActiveRuleSet } from './rules/active-rule-set';
import { ScoringWorker } from './scoring-worker';
import { type ScoringMetrics, scoringMetrics } from './scoring.metrics';
import { KAFKA, LEAD_EVENTS_TRANSPORT, PG_POOL, SCORING_METRICS, SCORING_PRODUCER, SCORING_STEPS } from './scoring.tokens';

/** The worker plus a small HTTP surface of its own (libs/worker `workerObservability`). */
@Module({})
export class ScoringModule {
  static forRoot(deps: WorkerDeps): DynamicModule {
    const { config, kafka, pool } = deps;
    const { progress, imports } = workerObservability(deps);
    // Emptied at every group (re)join: the partitions, hence the leads, this worker owns may have changed.
    // LEAD_STATE_CACHE_SIZE leads (a few KiB each): beyond, the least recently scored are read from the store again.
    const states = new LeadStateCache(config.leadStateCacheSize);
    return {
      module: ScoringModule,
      imports,
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
            transport.on('group-join', () => {
              states.clear();
              worker.groupJoins.inc();
            });
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
        store: pgScoringStore(pool, states),
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
