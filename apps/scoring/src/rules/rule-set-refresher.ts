import { type ContextLogger } from '@leadscore/observability';
import { type ActiveRuleSet } from './active-rule-set';

/** Re-reads the active rule version every few seconds, so an activation applies within 5 s. */
export class RuleSetRefresher {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly rules: ActiveRuleSet,
    private readonly log: ContextLogger,
    private readonly onVersion: (version: number) => void,
    private readonly intervalMs = 2000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
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
