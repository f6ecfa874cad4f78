import { lookup } from 'node:dns/promises';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Kafka } from 'kafkajs';
import { type Pool } from 'pg';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { type PartitionProgress, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { DeliveryLoop } from './delivery/delivery-loop';
import { handoffMetrics } from './handoff.metrics';
import { KAFKA, PARTITION_PROGRESS, PG_POOL } from './handoff.tokens';
import { LeadScoresConsumer } from './handoffs/lead-scores.consumer';
import { InactivityScheduler } from './inactivity/inactivity-scheduler';
import { readInactivitySettings } from './inactivity/inactivity-settings';
import { RoutingCache } from './routing/routing-cache';

const ATTEMPT_TIMEOUT_MS = 15_000;
const DELIVERY_CONCURRENCY = 8;

/** Starts routing, the producer, the consumer, the delivery loop and the scheduler; stops them in reverse. */
@Injectable()
export class HandoffWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer!: ReliableProducer;
  private consumer!: LeadScoresConsumer;
  private routing!: RoutingCache;
  private delivery!: DeliveryLoop;
  private scheduler!: InactivityScheduler;

  constructor(
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PARTITION_PROGRESS) private readonly progress: PartitionProgress,
    private readonly logger: JsonLogger,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log = this.logger.child('handoff-worker');
    const metrics = handoffMetrics(this.metrics);
    this.routing = new RoutingCache(this.pool, log, 2000);
    await this.routing.refresh();
    this.routing.start();
    this.producer = new ReliableProducer(this.kafka);
    await this.producer.connect();
    this.delivery = new DeliveryLoop(
      {
        pool: this.pool, lookup: (host) => lookup(host, { all: true }), allowPrivate: this.config.webhookAllowPrivate,
        scheduleMs: this.config.webhookRetryScheduleMs, attemptTimeoutMs: ATTEMPT_TIMEOUT_MS, now: () => Date.now(), random: Math.random,
      },
      { concurrency: DELIVERY_CONCURRENCY, pollMs: 200, metrics, log: log },
    );
    this.delivery.start();
    this.consumer = new LeadScoresConsumer({
      kafka: this.kafka, producer: this.producer, pool: this.pool, routing: () => this.routing.current(),
      namespace: this.config.namespace, metrics, log, progress: this.progress, onCreated: () => this.delivery.wake(),
    });
    await this.consumer.start();
    this.scheduler = new InactivityScheduler({
      pool: this.pool, producer: this.producer, namespace: this.config.namespace, settings: readInactivitySettings(),
      metrics, log, now: () => new Date(),
    });
    this.scheduler.start();
    log.info('consuming', { topic: 'lead-scores', namespace: this.config.namespace });
  }

  async onApplicationShutdown(): Promise<void> {
    this.routing?.stop();
    await this.scheduler?.stop();
    await this.consumer?.stop();
    await this.delivery?.stop();
    await this.producer?.disconnect();
    await this.pool.end();
  }
}
