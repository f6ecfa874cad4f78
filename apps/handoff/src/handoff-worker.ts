import { lookup } from 'node:dns/promises';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Pool } from 'pg';
import { filter, type Subscription, take } from 'rxjs';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { type KafkaBatchTransport, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger } from '@leadscore/observability';
import { lookupWithTimeout } from '@leadscore/routing';
import { DeliveryLoop } from './delivery/delivery-loop';
import { pgDeliveryStore } from './delivery/pg-delivery-store';
import { type HandoffMetrics } from './handoff.metrics';
import { HANDOFF_METRICS, HANDOFF_PRODUCER, LEAD_SCORES_TRANSPORT, PG_POOL } from './handoff.tokens';
import { type CreateHandoffsDeps, type LeadHandoffMessage } from './handoffs/create-handoffs';
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

/**
 * Starts routing, the producer, the delivery loop and the parked-promotions loop with the app; the
 * consumer is the batch transport (`LeadScoresController`), which Nest starts right after
 * (main.ts), and the scheduler starts once it consumes. Stops them in reverse.
 */
@Injectable()
export class HandoffWorker implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  /** How handoffs are made and published: by the `lead-scores` handler and the parked-promotions loop alike. */
  handoffs!: CreateHandoffsDeps;
  private consuming: Subscription | null = null;
  private routing!: RoutingCache;
  private delivery!: DeliveryLoop;
  private scheduler!: InactivityScheduler;
  private parked!: ParkedPromotionsLoop;

  constructor(
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(HANDOFF_PRODUCER) private readonly producer: ReliableProducer,
    @Inject(LEAD_SCORES_TRANSPORT) private readonly transport: KafkaBatchTransport,
    @Inject(HANDOFF_METRICS) private readonly metrics: HandoffMetrics,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log = this.logger.child('handoff-worker');
    const { metrics } = this;
    this.routing = new RoutingCache(this.pool, log, 2000);
    await this.routing.refresh();
    this.routing.start();
    // Connected before the transport starts: its batches publish and dead-letter through it.
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
    this.handoffs = {
      store: pgHandoffStore(this.pool), routing: () => this.routing.current(), now: () => new Date(),
      publish: (created) => publishHandoffs(this.producer, this.config.namespace, created),
    };
    this.parked = new ParkedPromotionsLoop(this.handoffs, {
      pollMs: PARKED_POLL_MS, abandonAfterMs: PARKED_ABANDON_AFTER_MS, log,
      onAbandoned: (count) => metrics.parkedPromotions.inc({ outcome: 'abandoned' }, count),
      onCreated: (created) => this.handoffsCreated(created),
    });
    this.parked.start();
    const scheduler = new InactivityScheduler({
      pool: this.pool, producer: this.producer, namespace: this.config.namespace, settings: this.config.inactivity,
      metrics, log, now: () => new Date(),
    });
    this.scheduler = scheduler;
    this.consuming = this.transport.status.pipe(filter((status) => status === 'consuming'), take(1)).subscribe(() => {
      scheduler.start();
      log.info('consuming', { topic: 'lead-scores', namespace: this.config.namespace });
    });
  }

  /** Handoffs were committed (by a batch or the parked loop): counted, and delivery starts at once. */
  handoffsCreated(created: LeadHandoffMessage[]): void {
    for (const handoff of created) this.metrics.handoffs.inc({ promotion: handoff.promotion, assigned: String(handoff.assignedTo !== null) });
    this.delivery.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.consuming?.unsubscribe();
    this.routing?.stop();
    await this.scheduler?.stop();
  }

  /** After Nest closed the transport (the consumer). */
  async onApplicationShutdown(): Promise<void> {
    await this.parked?.stop();
    await this.delivery?.stop();
    await this.producer?.disconnect();
    await this.pool.end();
  }
}
