import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Pool } from 'pg';
import { filter, type Subscription, take } from 'rxjs';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { topicName } from '@leadscore/contracts';
import { type KafkaBatchTransport, type KafkaClient, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger } from '@leadscore/observability';
import { HistoryForwarder } from './identity/history-forwarder';
import { ActiveRuleSet } from './rules/active-rule-set';
import { RuleActivationSubscriber } from './rules/rule-activation.subscriber';
import { RuleSetRefresher } from './rules/rule-set-refresher';
import { type ScoringMetrics } from './scoring.metrics';
import { KAFKA, LEAD_EVENTS_TRANSPORT, PG_POOL, SCORING_METRICS, SCORING_PRODUCER } from './scoring.tokens';

/**
 * Starts the rule set and the producers with the app; the consumer is the batch transport, which
 * Nest starts right after (main.ts), and the history forwarder starts once it consumes. Stops them
 * in reverse: the forwarder before the transport closes, the producer and the pool after.
 */
@Injectable()
export class ScoringWorker implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private historyProducer!: ReliableProducer;
  private forwarder: HistoryForwarder | null = null;
  private refresher!: RuleSetRefresher;
  private activations: RuleActivationSubscriber | null = null;
  private consuming: Subscription | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(SCORING_PRODUCER) private readonly producer: ReliableProducer,
    @Inject(LEAD_EVENTS_TRANSPORT) private readonly transport: KafkaBatchTransport,
    @Inject(SCORING_METRICS) private readonly metrics: ScoringMetrics,
    private readonly rules: ActiveRuleSet,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log = this.logger.child('scoring-worker');
    const { metrics, rules } = this;
    await rules.refresh();
    metrics.ruleVersion.set(rules.activeVersion);
    log.info('rule set loaded', { version: rules.activeVersion });
    this.refresher = new RuleSetRefresher(rules, log, (version) => metrics.ruleVersion.set(version));
    this.refresher.start();
    this.activations = new RuleActivationSubscriber({
      redisUrl: this.config.redisUrl, namespace: this.config.namespace, log, onActivation: () => void this.refresher.refreshNow(),
    });
    await this.activations.start();
    // Connected before the transport starts: its batches publish and dead-letter through it.
    await this.producer.connect();
    // A producer of its own: a long history's pages never queue ahead of a batch's publications.
    this.historyProducer = new ReliableProducer(this.kafka);
    await this.historyProducer.connect();
    const leadEvents = topicName(this.config.namespace, 'leadEvents');
    const forwarder = new HistoryForwarder({
      pool: this.pool,
      send: (messages) => this.historyProducer.send(leadEvents, messages.map((m) => ({ key: m.leadId, value: JSON.stringify(m) }))),
      log: this.logger.child('history-forwarder'),
      onCopies: (count) => metrics.historyCopies.inc(count),
    });
    this.forwarder = forwarder;
    this.consuming = this.transport.status.pipe(filter((status) => status === 'consuming'), take(1)).subscribe(() => {
      forwarder.start();
      log.info('consuming', { topic: 'lead-events', namespace: this.config.namespace });
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.consuming?.unsubscribe();
    this.refresher?.stop();
    await this.activations?.stop();
    await this.forwarder?.stop();
    await this.historyProducer?.disconnect();
  }

  /** After Nest closed the transport (the consumer). */
  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.pool.end();
  }
}
