import { type ContextLogger } from '@leadscore/observability';
import { type CreateHandoffsDeps, type LeadHandoffMessage } from './create-handoffs';
import { abandonParkedPromotions, resolveParkedPromotions } from './resolve-parked-promotions';

const ROUND_LIMIT = 100;

export interface ParkedPromotionsLoopOptions {
  pollMs: number;
  /** A cause still missing after this long belonged to a dead-lettered batch: the promotion stops waiting. */
  abandonAfterMs: number;
  log: ContextLogger;
  onAbandoned?: (count: number) => void;
  onCreated: (handoffs: LeadHandoffMessage[]) => void;
}

/** Hands off parked promotions as their cause events commit, every `pollMs`, beside the consumer. */
export class ParkedPromotionsLoop {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> = Promise.resolve();

  constructor(private readonly deps: CreateHandoffsDeps, private readonly options: ParkedPromotionsLoopOptions) {}

  start(): void {
    this.timer = setInterval(() => {
      this.round = this.round.then(() => this.runRound());
    }, this.options.pollMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
  }

  /** One round: abandons the hopeless, then hands off ready promotions until none is left. */
  async runRound(): Promise<void> {
    try {
      const abandoned = await abandonParkedPromotions(this.deps, this.options.abandonAfterMs);
      if (abandoned > 0) {
        this.options.onAbandoned?.(abandoned);
        this.options.log.warn('parked promotions whose cause never committed abandoned', { count: abandoned });
      }
      for (;;) {
        const { resolved, created } = await resolveParkedPromotions(this.deps, ROUND_LIMIT);
        if (created.length > 0) this.options.onCreated(created);
        if (resolved === 0) break;
      }
    } catch (error) {
      this.options.log.warn('parked promotions round failed', { error: String(error) });
    }
  }
}
