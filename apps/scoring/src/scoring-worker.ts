import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Kafka } from 'kafkajs';
import { type Pool } from 'pg';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { topicName } from '@leadscore/contracts';
import { type PartitionProgress, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { LeadEventsConsumer } from './consumer/lead-events.consumer';
import { HistoryForwarder } from './identity/history-forwarder';
import { ActiveRuleSet } from './rules/active-rule-set';
import { RuleActivationSubscriber } from './rules/rule-activation.subscriber';
import { RuleSetRefresher } from './rules/rule-set-refresher';
import { scoringMetrics } from './scoring.metrics';
import { KAFKA, PARTITION_PROGRESS, PG_POOL } from './scoring.tokens';

/** Starts the rule set, the producers, the consumer and the history forwarder with the app; stops them in reverse. */
@Injectable()
export class ScoringWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer!: ReliableProducer;
  private consumer!: LeadEventsConsumer;
  private historyProducer!: ReliableProducer;
  private forwarder: HistoryForwarder | null = null;
  private refresher!: RuleSetRefresher;
  private activations: RuleActivationSubscriber | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PARTITION_PROGRESS) private readonly progress: PartitionProgress,
    private readonly logger: JsonLogger,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log = this.logger.child('scoring-worker');
    const metrics = scoringMetrics(this.metrics);
    const rules = new ActiveRuleSet(this.pool);
    await rules.refresh();
    metrics.ruleVersion.set(rules.activeVersion);
    log.info('rule set loaded', { version: rules.activeVersion });
    this.refresher = new RuleSetRefresher(rules, log, (version) => metrics.ruleVersion.set(version));
    this.refresher.start();
    this.activations = new RuleActivationSubscriber({
      redisUrl: this.config.redisUrl, namespace: this.config.namespace, log, onActivation: () => void this.refresher.refreshNow(),
    });
    await this.activations.start();
    this.producer = new ReliableProducer(this.kafka);
    await this.producer.connect();
    this.consumer = new LeadEventsConsumer({
      kafka: this.kafka, producer: this.producer, pool: this.pool, rules, namespace: this.config.namespace, metrics, log, progress: this.progress,
    });
    await this.consumer.start();
    // A producer of its own: a long history's pages never queue ahead of a batch's publications.
    this.historyProducer = new ReliableProducer(this.kafka);
    await this.historyProducer.connect();
    const leadEvents = topicName(this.config.namespace, 'leadEvents');
    this.forwarder = new HistoryForwarder({
      pool: this.pool,
      send: (messages) => this.historyProducer.send(leadEvents, messages.map((m) => ({ key: m.leadId, value: JSON.stringify(m) }))),
      log: this.logger.child('history-forwarder'),
      onCopies: (count) => metrics.historyCopies.inc(count),
    });
    this.forwarder.start();
    log.info('consuming', { topic: 'lead-events', namespace: this.config.namespace });
  }

  async onApplicationShutdown(): Promise<void> {
    this.refresher?.stop();
    await this.activations?.stop();
    await this.forwarder?.stop();
    await this.historyProducer?.disconnect();
    await this.consumer?.stop();
    await this.producer?.disconnect();
    await this.pool.end();
  }
}
