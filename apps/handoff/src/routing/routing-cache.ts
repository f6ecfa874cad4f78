import { type Pool } from 'pg';
import { latestRouting } from '@leadscore/persistence';
import { compileRouting, type CompiledRouting, type RoutingConfig } from '@leadscore/routing';
import { type ContextLogger } from '@leadscore/observability';

export interface ActiveRouting {
  version: number;
  config: RoutingConfig;
  /** Compiled once per version (RE2 patterns and all). */
  compiled: CompiledRouting;
}

/** The routing in force, re-read every `everyMs` (a change applies within that). Null until one is stored. */
export class RoutingCache {
  private active: ActiveRouting | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pool: Pool, private readonly log: ContextLogger, private readonly everyMs = 2000) {}

  current(): ActiveRouting | null {
    return this.active;
  }

  async refresh(): Promise<void> {
    const stored = await latestRouting<RoutingConfig>(this.pool);
    if (stored && stored.version !== this.active?.version) this.log.info('routing loaded', { version: stored.version });
    if (!stored) this.active = null;
    else if (stored.version !== this.active?.version) {
      this.active = { version: stored.version, config: stored.definition, compiled: compileRouting(stored.definition) };
    }
  }

  start(): void {
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.log.warn('routing refresh failed', { error: String(error) }));
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
