import { type Pool } from 'pg';
import { claimDueDeliveries, recordAttempt, type DueDelivery } from '@leadscore/persistence';
import { type ContextLogger } from '@leadscore/observability';
import { type HandoffMetrics } from '../handoff.metrics';
import { deliverOne, type DeliverDeps } from './deliver-one';

/**
 * Sends due webhooks from the outbox: claims at most `concurrency` at a time (SKIP LOCKED, with
 * a lease longer than one attempt), sends them in parallel, records each result. Polls every
 * `pollMs`, and at once when woken after new handoffs.
 */
export class DeliveryLoop {
  private running = false;
  private wakeUp: (() => void) | null = null;
  /** Set by a wake that came during a round, so the next sleep is skipped. */
  private woken = false;
  private done: Promise<void> | null = null;

  constructor(
    private readonly deps: DeliverDeps & { pool: Pool },
    private readonly options: { concurrency: number; pollMs: number; metrics: HandoffMetrics; log: ContextLogger },
  ) {}

  start(): void {
    this.running = true;
    this.done = this.run();
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        const due = await claimDueDeliveries(this.deps.pool, this.options.concurrency, this.deps.attemptTimeoutMs + 5000);
        claimed = due.length;
        await Promise.all(due.map((delivery) => this.attempt(delivery)));
      } catch (error) {
        this.options.log.warn('delivery round failed', { error: String(error) });
      }
      if (claimed < this.options.concurrency) await this.sleep(this.options.pollMs);
    }
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const started = process.hrtime.bigint();
    const { outcome, record } = await deliverOne(this.deps, delivery);
    this.options.metrics.deliveryDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    const client = await this.deps.pool.connect();
    try {
      await recordAttempt(client, delivery.id, record);
    } finally {
      client.release();
    }
    this.options.metrics.deliveries.inc({ outcome });
    if (outcome !== 'delivered') {
      this.options.log.info('webhook attempt not delivered', { deliveryId: delivery.id, attempt: delivery.attempts + 1, outcome, error: 'error' in record ? record.error : undefined });
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.woken = false;
        this.wakeUp = null;
        resolve();
      };
    });
  }
}
