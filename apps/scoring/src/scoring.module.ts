import { getHeapStatistics } from 'node:v8';
import { type DynamicModule, Module } from '@nestjs/common';
import { groupId, TOPICS, topicName } from '@leadscore/contracts';
import { type ConsumerSettings, consumerMetrics, KafkaBatchTransport, ReliableProducer } from '@leadscore/kafka';
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

/**
 * SCORING_HEAP_MB is a node flag (`--max-old-space-size`), applied by whatever launches the worker
 * (scripts/node-args.sh); a worker started without it says so, with the limit V8 gave it.
 */
function warnWithoutHeapCap(heapMb: number, logger: JsonLogger): void {
  // V8's limit is the old space plus the young generation's (48 MB at the default semi-space size).
  const limitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  if (heapMb > 0 && Math.abs(limitMb - heapMb) > 128) {
    logger.child('scoring-worker').warn('started without its heap cap: launch it through scripts/node-args.sh (start-all.sh, the image) or with --max-old-space-size', { SCORING_HEAP_MB: heapMb, heapLimitMb: limitMb });
  }
}

/**
 * The worker's consumer settings. A fetch brings up to 4 MiB per partition, 16 MiB in all
 * (≈ 14,000 and 56,000 of the bench's events): the batch size is the worker's throughput, since
 * each batch upserts each of its leads' projections once; 1 MiB fetches drained a third as fast
 * (docs/soak.md). Three partitions' batches at a time: six (one per partition) measured no better
 * on two cores; the pool (main.ts) has two connections beyond them.
 */
export const SCORING_CONSUMER: ConsumerSettings = {
  maxBytesPerPartition: 4 * 1024 * 1024, maxBytes: 16 * 1024 * 1024, maxWaitTimeInMs: 100,
  sessionTimeout: 10000, rebalanceTimeout: 20000, heartbeatInterval: 3000, partitionsConsumedConcurrently: 3,
};

/** The worker plus a small HTTP surface of its own (libs/worker `workerObservability`). */
@Module({})
export class ScoringModule {
  static forRoot(deps: WorkerDeps): DynamicModule {
    const { config, kafka, pool } = deps;
    warnWithoutHeapCap(config.scoringHeapMb, deps.logger);
    const { progress, imports } = workerObservability(deps);
    // Emptied at every group (re)join: the partitions, hence the leads, this worker owns may have changed.
    // LEAD_STATE_CACHE_SIZE leads (about 2 KB each): beyond, the least recently scored are read from the store again.
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
              consumer: SCORING_CONSUMER,
              deadLetters: { producer, topic: topicName(config.namespace, 'leadEventsDlq') },
              progress,
              metrics: consumerMetrics(metrics),
              log: logger.child('scoring-worker'),
              isolate: isolateDatabaseRefusals,
              slowBatchMs: config.scoringSlowBatchMs > 0 ? config.scoringSlowBatchMs : undefined,
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
