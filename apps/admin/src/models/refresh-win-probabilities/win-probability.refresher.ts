import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Pool } from 'pg';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { ADVISORY_LOCKS, COMPILED_RULE_SETS, SessionLeadership } from '@leadscore/persistence';
import { PG_POOL } from '../../admin.tokens';
import { ActiveModels } from '../active-model';
import { refreshWinProbabilities } from './refresh-win-probabilities';
import { winProbabilityMetrics, type WinProbabilityMetrics } from './win-probability.metrics';

/**
 * Keeps `lead_win_probabilities` up to date for the lead list's sort: every period
 * (WIN_PROBABILITY_REFRESH_EVERY) the admin holding the leader lock recomputes, with an active model,
 * the probability of each listed lead whose projection moved past the stored last_seq, or whose row
 * is another model's (so all of them once the active model changed) — from the lead's events, folded
 * under the model's rule version, as the lead view computes it (LeadWinProbability).
 */
@Injectable()
export class WinProbabilityRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log;
  private readonly metrics: WinProbabilityMetrics;
  private readonly leadership: SessionLeadership;
  private timer: NodeJS.Timeout | null = null;
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    private readonly models: ActiveModels,
    logger: JsonLogger,
    metrics: Metrics,
  ) {
    this.log = logger.child('win-probability');
    this.metrics = winProbabilityMetrics(metrics);
    this.leadership = new SessionLeadership(pool, ADVISORY_LOCKS.winProbabilityLeader, () => this.log.info('win probability refresher leading'));
  }

  onApplicationBootstrap(): void {
    const tick = () => void this.refresh().catch((error: unknown) => this.log.warn('win probability refresh failed', { error: String(error) }));
    tick();
    this.timer = setInterval(tick, this.config.winProbabilityRefreshEveryMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.last.catch(() => undefined);
    await this.leadership.resign();
  }

  /**
   * One pass, after the one under way: how many leads it (re)computed, or null when this instance
   * does not lead or no model is active. A failed pass gives the lock up, so a broken connection is not kept.
   */
  refresh(): Promise<number | null> {
    const next = this.last.catch(() => undefined).then(() => this.pass());
    this.last = next;
    return next;
  }

  private async pass(): Promise<number | null> {
    try {
      if (!(await this.leadership.lead())) return null;
      const active = await this.models.current();
      if (!active) return null;
      const ruleSet = await COMPILED_RULE_SETS.get(this.pool, active.rulesVersion);
      if (!ruleSet) throw new Error(`rule set v${active.rulesVersion} of model ${active.id} does not compile`);
      const refreshed = await refreshWinProbabilities(this.pool, { modelId: active.id, model: active.model, ruleSet });
      this.metrics.refreshed.inc(refreshed);
      if (refreshed > 0) this.log.info('win probabilities refreshed', { leads: refreshed, modelId: active.id });
      return refreshed;
    } catch (error) {
      this.metrics.failedPasses.inc();
      await this.leadership.resign();
      throw error;
    }
  }
}
