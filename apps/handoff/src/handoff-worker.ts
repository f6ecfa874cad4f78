import { lookup } from 'node:dns/promises';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Kafka } from 'kafkajs';
import { type Pool } from 'pg';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { type PartitionProgress, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { lookupWithTimeout } from '@leadscore/routing';
import { DeliveryLoop } from './delivery/delivery-loop';
import { pgDeliveryStore } from './delivery/pg-delivery-store';
import { handoffMetrics } from './handoff.metrics';
import { KAFKA, PARTITION_PROGRESS, PG_POOL } from './handoff.tokens';
import { type CreateHandoffsDeps } from './handoffs/create-handoffs';
import { LeadScoresConsumer } from './handoffs/lead-scores.consumer';
import { ParkedPromotionsLoop } from './handoffs/parked-promotions-loop';
import { pgHandoffStore } from './handoffs/pg-handoff-store';
import { publishHandoffs } from './handoffs/publish-handoffs';
import { InactivityScheduler } from './inactivity/inactivity-scheduler';
import { RoutingCache } from './routing/routing-cache';

const ATTEMPT_TIMEOUT_MS = 15_000;
const DNS_TIMEOUT_MS = 5_000;
const DELIVERY_CONCURRENCY = 8;
/** A team's share of the delivery slots (across workers): a slow receiver cannot take them all. */
const DELIVERY_SLOTS_PER_TEAM = 2;
const PARKED_POLL_MS = 250;
/** Far beyond any slow commit: by then the cause's scoring batch was dead-lettered and owes no handoff. */
const PARKED_ABANDON_AFTER_MS = 60 * 60_000;

/** Starts routing, the producer, the consumer, the delivery loop and the scheduler; stops them in reverse. */
@Injectable()
export class HandoffWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer!: ReliableProducer;
  private consumer!: LeadScoresConsumer;
  private routing!: RoutingCache;
  private delivery!: DeliveryLoop;
  private scheduler!: InactivityScheduler;
  private parked!: ParkedPromotionsLoop;

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
        store: pgDeliveryStore(this.pool), lookup: lookupWithTimeout((host) => lookup(host, { all: true }), DNS_TIMEOUT_MS), allowPrivate: this.config.webhookAllowPrivate,
        scheduleMs: this.config.webhookRetryScheduleMs, attemptTimeoutMs: ATTEMPT_TIMEOUT_MS, now: () => Date.now(), random: Math.random,
      },
      {
        concurrency: DELIVERY_CONCURRENCY, perTeam: DELIVERY_SLOTS_PER_TEAM, pollMs: 200, metrics, log,
        // Longer than the endpoint check, the DNS lookup and the POST together; the lease token fences the rest.
        leaseMs: ATTEMPT_TIMEOUT_MS + DNS_TIMEOUT_MS + 5000,
      },
    );
    this.delivery.start();
    const handoffs: CreateHandoffsDeps = {
      store: pgHandoffStore(this.pool), routing: () => this.routing.current(), now: () => new Date(),
      publish: (created) => publishHandoffs(this.producer, this.config.namespace, created),
    };
    this.parked = new ParkedPromotionsLoop(handoffs, {
      pollMs: PARKED_POLL_MS, abandonAfterMs: PARKED_ABANDON_AFTER_MS, log,
      onAbandoned: (count) => metrics.parkedPromotions.inc({ outcome: 'abandoned' }, count),
      onCreated: (created) => {
        for (const handoff of created) metrics.handoffs.inc({ promotion: handoff.promotion, assigned: String(handoff.assignedTo !== null) });
        this.delivery.wake();
      },
    });
    this.parked.start();
    this.consumer = new LeadScoresConsumer({
      kafka: this.kafka, producer: this.producer, handoffs, namespace: this.config.namespace, metrics, log,
      progress: this.progress, onCreated: () => this.delivery.wake(),
    });
    await this.consumer.start();
    this.scheduler = new InactivityScheduler({
      pool: this.pool, producer: this.producer, namespace: this.config.namespace, settings: this.config.inactivity,
      metrics, log, now: () => new Date(),
    });
    this.scheduler.start();
    log.info('consuming', { topic: 'lead-scores', namespace: this.config.namespace });
  }

  async onApplicationShutdown(): Promise<void> {
    this.routing?.stop();
    await this.scheduler?.stop();
    await this.consumer?.stop();
    await this.parked?.stop();
    await this.delivery?.stop();
    await this.producer?.disconnect();
    await this.pool.end();
  }
}
