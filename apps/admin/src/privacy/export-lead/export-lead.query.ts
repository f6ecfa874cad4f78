import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFound } from '@leadscore/http';
import { readLeadCluster, withTransaction } from '@leadscore/persistence';
import { PG_POOL } from '../../admin.tokens';
import { checkLeadId } from '../erase-lead/erasure.service';

/** Every stored fact about a person (art. 15/20): one array of rows per place, as stored. */
export interface LeadExport {
  leadId: string;
  /** The lead and every id merged into it (or it into): the person the export is about. */
  leadIds: string[];
  exportedAt: string;
  events: unknown[];
  projections: unknown[];
  audit: unknown[];
  handoffs: unknown[];
  deliveries: unknown[];
  parkedPromotions: unknown[];
  identityForwardings: unknown[];
  winProbabilities: unknown[];
}

// One statement per place, all keyed by the ids of the person; column lists are the tables' own.
const QUERIES = {
  events: `SELECT seq, event_id, lead_id, type, occurred_at, received_at, stored_at, source, properties, traits, source_key_id, producer
             FROM lead_events WHERE lead_id = ANY($1) ORDER BY lead_id, seq`,
  projections: `SELECT p.generation, g.status AS generation_status, p.lead_id, p.score, p.fit_score, p.engagement_score, p.grade, p.stage,
                  p.rule_version, p.event_count, p.first_seen_at, p.last_activity_at, p.traits, p.updated_at
             FROM lead_projections p JOIN projection_generations g USING (generation) WHERE p.lead_id = ANY($1) ORDER BY p.generation, p.lead_id`,
  audit: `SELECT generation, seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after, stage_change, promotion
             FROM score_audit WHERE lead_id = ANY($1) ORDER BY generation, lead_id, seq`,
  handoffs: `SELECT id, lead_id, promotion, cause_event_id, team_id, member, status, routing_version, payload, created_at
             FROM handoffs WHERE lead_id = ANY($1) ORDER BY created_at, id`,
  deliveries: `SELECT d.id, d.handoff_id, d.team_id, d.url, d.body, d.status, d.attempts, d.first_attempt_at, d.last_status_code, d.last_error,
                  d.delivered_at, d.created_at
             FROM webhook_deliveries d JOIN handoffs h ON h.id = d.handoff_id WHERE h.lead_id = ANY($1) ORDER BY d.created_at, d.id`,
  parkedPromotions: `SELECT id, lead_id, promotion, cause_event_id, message, status, parked_at FROM parked_promotions WHERE lead_id = ANY($1) ORDER BY id`,
  identityForwardings: `SELECT from_lead, into_lead, marker_seq, after_seq, copies, created_at, finished_at
             FROM identity_forwardings WHERE from_lead = ANY($1) OR into_lead = ANY($1) ORDER BY from_lead`,
  winProbabilities: `SELECT lead_id, model_id, win_probability, last_seq, computed_at FROM lead_win_probabilities WHERE lead_id = ANY($1) ORDER BY lead_id`,
} as const;

@Injectable()
export class ExportLeadQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Read in one REPEATABLE READ transaction, so the document is one consistent moment. */
  async execute(leadId: string): Promise<LeadExport> {
    checkLeadId(leadId);
    const { leadIds, parts } = await withTransaction(
      this.pool,
      async (client) => {
        const cluster = await readLeadCluster(client, leadId);
        const rows: Record<string, unknown[]> = {};
        for (const [name, sql] of Object.entries(QUERIES)) rows[name] = (await client.query(sql, [cluster])).rows;
        return { leadIds: cluster, parts: rows };
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
    if (Object.values(parts).every((rows) => rows.length === 0)) throw new NotFound('leadId', `no lead "${leadId}"`);
    return { leadId, leadIds, exportedAt: new Date().toISOString(), ...(parts as Omit<LeadExport, 'leadId' | 'leadIds' | 'exportedAt'>) };
  }
}
