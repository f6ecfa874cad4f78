import { type DueDelivery } from '@leadscore/persistence';
import { type ContextLogger } from '@leadscore/observability';
import { WakeableSleep } from '@leadscore/worker';
import { type HandoffMetrics } from '../handoff.metrics';
import { deliverOne, type DeliverDeps } from './deliver-one';

/**
 * Sends due webhooks from the outbox as a pool of `concurrency` slots: whenever a slot frees, it
 * claims more (SKIP LOCKED, a lease longer than one attempt, at most `perTeam` leases per team), so
 * a slow receiver holds only its own slots and never a whole round. Each result is recorded under
 * the claim's lease token: an attempt that outlived its lease records nothing. Polls every `pollMs`,
 * and at once when woken after new handoffs or a freed slot.
 */
export class DeliveryLoop {
  private running = false;
  /** A wake that comes during a round skips the next sleep. */
  private readonly pause = new WakeableSleep();
  private done: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deps: DeliverDeps,
    private readonly options: { concurrency: number; perTeam: number; leaseMs: number; pollMs: number; metrics: HandoffMetrics; log: ContextLogger },
  ) {}

  start(): void {
    this.running = true;
    this.done = this.run();
  }

  wake(): void {
    this.pause.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      const free = this.options.concurrency - this.inFlight.size;
      if (free > 0) {
        try {
          const due = await this.deps.store.claimDueDeliveries({ limit: free, leaseMs: this.options.leaseMs, perTeam: this.options.perTeam });
          claimed = due.length;
          for (const delivery of due) this.track(this.attempt(delivery));
        } catch (error) {
          this.options.log.warn('delivery claim failed', { error: String(error) });
        }
      }
      if (claimed === 0 || this.inFlight.size >= this.options.concurrency) await this.pause.sleep(this.options.pollMs);
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private track(attempt: Promise<void>): void {
    const tracked = attempt
      .catch((error: unknown) => this.options.log.warn('delivery attempt failed', { error: String(error) }))
      .finally(() => {
        this.inFlight.delete(tracked);
        this.wake();
      });
    this.inFlight.add(tracked);
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const started = process.hrtime.bigint();
    const { outcome, record } = await deliverOne(this.deps, delivery);
    this.options.metrics.deliveryDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    const recorded = await this.deps.store.recordAttempt(delivery, record);
    this.options.metrics.deliveries.inc({ outcome: recorded ? outcome : 'stale' });
    if (!recorded) {
      this.options.log.warn('webhook attempt outlived its lease; its outcome is not recorded', { deliveryId: delivery.id, outcome });
    } else if (outcome !== 'delivered') {
      this.options.log.info('webhook attempt not delivered', { deliveryId: delivery.id, attempt: delivery.attempts + 1, outcome, error: 'error' in record ? record.error : undefined });
    }
  }
}
