import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { type ChangedLead, type SimulationView } from '@leadscore/contracts';
import { encodePageCursor, NotFound, pageLimitOrThrow, readPageCursor } from '@leadscore/http';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { PG_POOL } from '../admin.tokens';
import { OpsAuditTrail } from '../audit/ops-audit.trail';
import { type OpsActor } from '../auth/ops-actor';
import { loadCompiledVersion } from '../replay/compiled-version';
import { jobMetrics } from '../replay/job-metrics';
import { runSimulation } from './simulation-job';
import { failInterruptedSimulations, findSimulation, insertSimulation, readChangedLeads } from './simulations.repository';

/** Starts what-if simulations as background jobs of this process; results live in Postgres. */
@Injectable()
export class SimulationsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly running = new Set<Promise<unknown>>();
  private readonly log;
  private readonly metrics;

  constructor(@Inject(PG_POOL) private readonly pool: Pool, logger: JsonLogger, metrics: Metrics, private readonly audit: OpsAuditTrail) {
    this.log = logger.child('simulation');
    this.metrics = jobMetrics(metrics);
  }

  async onApplicationBootstrap(): Promise<void> {
    const interrupted = await failInterruptedSimulations(this.pool);
    if (interrupted > 0) this.log.warn('failed interrupted simulations', { interrupted });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.running);
  }

  async start(actor: OpsActor, rulesVersion: number): Promise<{ simulationId: string }> {
    const ruleSet = await loadCompiledVersion(this.pool, rulesVersion, 'version');
    const id = randomUUID();
    await this.audit.change(actor, 'simulation.started', async (db) => {
      await insertSimulation(db, id, rulesVersion);
      return { result: null, details: { simulationId: id, rulesVersion } };
    });
    const job = runSimulation({ pool: this.pool, log: this.log, metrics: this.metrics, pageSize: 50_000, progressEvery: 5_000 }, id, ruleSet);
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
    return { simulationId: id };
  }

  async status(id: string): Promise<SimulationView> {
    const row = await this.find(id);
    return {
      simulationId: row.id, rulesVersion: row.rulesVersion, status: row.status, processed: row.processed, total: row.total,
      result: row.result, error: row.error,
    };
  }

  /** Changed leads in leadId order; the cursor carries the last leadId of the page. */
  async changedLeads(id: string, cursor: string | undefined, limitText: string | undefined): Promise<{ items: ChangedLead[]; nextCursor: string | null }> {
    const limit = pageLimitOrThrow(limitText, 100);
    const after = cursor ? readPageCursor(cursor, (value) => (typeof value === 'string' ? value : null)) : null;
    await this.find(id);
    const items = await readChangedLeads(this.pool, id, after, limit);
    const nextCursor = items.length === limit ? encodePageCursor(items[items.length - 1].leadId) : null;
    return { items, nextCursor };
  }

  private async find(id: string) {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await findSimulation(this.pool, id) : null;
    if (!row) throw new NotFound('simulationId', `simulation ${id} does not exist`);
    return row;
  }
}
