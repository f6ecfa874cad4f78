import { type ContextLogger } from '@leadscore/observability';
import { type ActiveRuleSet } from './active-rule-set';

/**
 * Keeps the worker on the active rule version: `refreshNow` when an activation is signalled
 * (rule-activation.subscriber), and a poll every 2 s as the fallback for a missed signal, so an
 * activation applies within 5 s either way.
 */
export class RuleSetRefresher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly rules: ActiveRuleSet,
    private readonly log: ContextLogger,
    private readonly onVersion: (version: number) => void,
    private readonly intervalMs = 2000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.refreshNow(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Re-reads the active version at once. Calls never overlap: one that comes while a refresh is
   * running is answered by a single refresh after it, so a signal is never lost to a poll in flight.
   */
  refreshNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = null));
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.tick();
    } while (this.again);
  }

  private async tick(): Promise<void> {
    try {
      if (await this.rules.refresh()) {
        this.log.info('rule set activated', { version: this.rules.activeVersion });
        this.onVersion(this.rules.activeVersion);
      }
    } catch (error) {
      this.log.error('rule set refresh failed', { error });
    }
  }
}
