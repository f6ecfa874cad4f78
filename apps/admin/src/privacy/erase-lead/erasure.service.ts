import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { groupId, LEAD_ID_PATTERN, topicName } from '@leadscore/contracts';
import { NotFound, ValidationFailed } from '@leadscore/http';
import { type KafkaClient } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { findErasure, findRunningErasureOf, insertErasure, readLeadCluster, unfinishedErasures } from '@leadscore/persistence';
import { KAFKA, PG_POOL } from '../../admin.tokens';
import { OpsAuditTrail } from '../../audit/ops-audit.trail';
import { type OpsActor } from '../../auth/ops-actor';
import { privacyMetrics } from '../privacy.metrics';
import { runErasure, type ErasureJobDeps } from './erasure-job';

export interface ErasureView {
  erasureId: string;
  status: 'running' | 'done';
  /** Rows removed so far, by table. */
  deleted: Record<string, number>;
  requestedAt: string;
  finishedAt: string | null;
}

const POLL_MS = 500;
const RETRY_MS = 5_000;

/** Starts erasures as background jobs of this process, resumes the ones a killed process left. */
@Injectable()
export class ErasureService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly running = new Map<string, Promise<unknown>>();
  private stopping = false;
  private readonly log;
  private readonly metrics;
  private readonly deps: ErasureJobDeps;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly audit: OpsAuditTrail,
    @Inject(KAFKA) kafka: KafkaClient,
    @Inject(CONFIG) config: LeadscoreConfig,
    logger: JsonLogger,
    metrics: Metrics,
  ) {
    this.log = logger.child('erasure');
    this.metrics = privacyMetrics(metrics);
    this.deps = {
      pool, kafka, log: this.log, pollMs: POLL_MS, stopped: () => this.stopping,
      drained: [
        { topic: topicName(config.namespace, 'leadEvents'), groupId: groupId(config.namespace, 'leadscore-scoring') },
        { topic: topicName(config.namespace, 'leadScores'), groupId: groupId(config.namespace, 'leadscore-handoff') },
      ],
      onSwept: (deleted) => {
        for (const [table, count] of Object.entries(deleted)) if (count > 0) this.metrics.erasedRows.inc({ table }, count);
      },
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const erasure of await unfinishedErasures(this.pool)) {
      this.log.warn('resuming erasure', { erasureId: erasure.id, phase: erasure.phase });
      this.metrics.erasures.inc({ outcome: 'resumed' });
      this.launch(erasure.id);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.running.values());
  }

  /** Erases the person behind `leadId`; a request for an id already being erased joins that erasure. */
  async erase(actor: OpsActor, leadId: string): Promise<{ erasureId: string }> {
    checkLeadId(leadId);
    const joined = await findRunningErasureOf(this.pool, leadId);
    if (joined) return { erasureId: joined.id };
    const leadIds = await readLeadCluster(this.pool, leadId);
    const id = randomUUID();
    // The audit entry names the erasure, never the lead: the log must not keep what is being erased.
    await this.audit.change(actor, 'lead.erasure_requested', async (client) => {
      await insertErasure(client, { id, subject: leadId, leadIds });
      return { result: id, details: { erasureId: id, leads: leadIds.length } };
    });
    this.metrics.erasures.inc({ outcome: 'requested' });
    this.launch(id);
    return { erasureId: id };
  }

  async status(erasureId: string): Promise<ErasureView> {
    const row = /^[0-9a-f-]{36}$/i.test(erasureId) ? await findErasure(this.pool, erasureId) : null;
    if (!row) throw new NotFound('erasureId', `erasure ${erasureId} does not exist`);
    return {
      erasureId: row.id, status: row.phase === 'done' ? 'done' : 'running', deleted: row.deleted,
      requestedAt: row.requestedAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  }

  private launch(id: string): void {
    if (this.running.has(id)) return;
    const job = runErasure(this.deps, id)
      .then((outcome) => {
        if (outcome === 'done') this.metrics.erasures.inc({ outcome: 'done' });
      })
      .catch((error: unknown) => {
        // The row stays unfinished: retried here a little later, and resumed by the next start-up.
        this.log.error('erasure step failed; retrying', { erasureId: id, error: String(error) });
        return 'retry' as const;
      })
      .then((next) => {
        this.running.delete(id);
        if (next === 'retry' && !this.stopping) setTimeout(() => this.launch(id), RETRY_MS).unref();
      });
    this.running.set(id, job);
  }
}

export function checkLeadId(leadId: string): void {
  if (!LEAD_ID_PATTERN.test(leadId)) throw new ValidationFailed([{ path: 'leadId', message: 'expected 1-128 characters of [A-Za-z0-9._:@+-]' }]);
}
