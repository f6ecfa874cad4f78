import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { FEATURE_SPEC_VERSION } from '@leadscore/learning';
import { Conflict, encodePageCursor, NotFound, pageLimitOrThrow, readPageCursor } from '@leadscore/http';
import { COMPILED_RULE_SETS, findActiveRuleSet, insertRuleSet } from '@leadscore/persistence';
import { JsonLogger } from '@leadscore/observability';
import { parseRuleSet } from '@leadscore/scoring';
import { PG_POOL } from '../admin.tokens';
import { OpsAuditTrail } from '../audit/ops-audit.trail';
import { type OpsActor } from '../auth/ops-actor';
import { SimulationsService } from '../simulations/simulations.service';
import { runModelTraining } from './model-training.job';
import { activateModel, failInterruptedModels, findModel, insertModel, listModels, type ModelRow } from './models.repository';
import { parseTrainingWindow } from './training-window.param';

export type ModelView = Omit<ModelRow, 'id' | 'isActive'> & { modelId: string; active: boolean };

/** Trains models as background jobs of this process (like simulations); models live in Postgres. */
@Injectable()
export class ModelsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly running = new Set<Promise<unknown>>();
  private readonly log;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    logger: JsonLogger,
    private readonly audit: OpsAuditTrail,
    private readonly simulations: SimulationsService,
  ) {
    this.log = logger.child('model');
  }

  async onApplicationBootstrap(): Promise<void> {
    const interrupted = await failInterruptedModels(this.pool);
    if (interrupted > 0) this.log.warn('failed interrupted model trainings', { interrupted });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.running);
  }

  async start(actor: OpsActor, body: unknown): Promise<{ modelId: string }> {
    const window = parseTrainingWindow(body);
    const active = await findActiveRuleSet(this.pool);
    if (!active) throw new Conflict('rules', 'no rule set is active: the model is compared with the active one and learns from its rule hits');
    const ruleSet = await COMPILED_RULE_SETS.get(this.pool, active.version);
    if (!ruleSet) throw new Error(`rule set v${active.version} does not compile`);
    const id = randomUUID();
    await this.audit.change(actor, 'model.training_started', async (db) => {
      await insertModel(db, { id, ...window, rulesVersion: active.version, featureSpecVersion: FEATURE_SPEC_VERSION });
      return { result: null, details: { modelId: id, from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), rulesVersion: active.version } };
    });
    const job = runModelTraining({
      pool: this.pool,
      log: this.log,
      chunkSize: 500,
      storeSuggestion: (text, name, author) => this.storeSuggestion(actor, text, name, author),
      simulate: (version) => this.simulations.start(actor, version).then((started) => started.simulationId, () => null),
    }, id, window, ruleSet);
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
    return { modelId: id };
  }

  async status(id: string): Promise<ModelView> {
    return viewOf(await this.find(id));
  }

  /** Newest first; the cursor carries the last model's creation time and id. */
  async list(cursor: string | undefined, limitText: string | undefined): Promise<{ items: ModelView[]; nextCursor: string | null }> {
    const limit = pageLimitOrThrow(limitText, 50);
    const after = cursor ? readPageCursor(cursor, readListPosition) : null;
    const rows = await listModels(this.pool, after, limit);
    const last = rows[rows.length - 1];
    return { items: rows.map(viewOf), nextCursor: rows.length === limit ? encodePageCursor({ createdAt: last.createdAt, id: last.id }) : null };
  }

  /** Makes a done model the one the lead view's win probability comes from. */
  async activate(actor: OpsActor, id: string): Promise<ModelView> {
    const row = await this.find(id);
    if (row.status !== 'done') throw new Conflict('modelId', `model ${id} is ${row.status}: only a done model can be activated`);
    if (row.featureSpecVersion !== FEATURE_SPEC_VERSION) {
      throw new Conflict('modelId', `model ${id} was trained on features v${row.featureSpecVersion}, this build derives v${FEATURE_SPEC_VERSION}: train a new one`);
    }
    await this.audit.change(actor, 'model.activated', async (db) => {
      await activateModel(db, id);
      return { result: null, details: { modelId: id } };
    });
    return viewOf(await this.find(id));
  }

  private async storeSuggestion(actor: OpsActor, text: string, name: string, author: string): Promise<number> {
    const parsed = parseRuleSet(text, 'yaml');
    if (!parsed.ok) throw new Error(`the suggested rule set does not parse: ${JSON.stringify(parsed.errors)}`);
    return this.audit.change(actor, 'rule_set.created', async (db) => {
      const version = await insertRuleSet(db, { name, format: 'yaml', sourceText: text, definition: parsed.definition, author });
      return { result: version, details: { version, name, author } };
    });
  }

  private async find(id: string): Promise<ModelRow> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await findModel(this.pool, id) : null;
    if (!row) throw new NotFound('modelId', `model ${id} does not exist`);
    return row;
  }
}

function viewOf(row: ModelRow): ModelView {
  const { id, isActive, ...rest } = row;
  return { modelId: id, ...rest, active: isActive };
}

function readListPosition(value: unknown): { createdAt: string; id: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { createdAt, id } = value as Record<string, unknown>;
  return typeof createdAt === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) && !Number.isNaN(Date.parse(createdAt)) ? { createdAt, id } : null;
}
