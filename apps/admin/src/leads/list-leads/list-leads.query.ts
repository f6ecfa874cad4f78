import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type LeadView } from '@leadscore/contracts';
import { ValidationFailed } from '@leadscore/http';
import { PG_POOL } from '../../admin.tokens';
import { ActiveModels } from '../../models/active-model';
import { INSIGHT_COLUMNS_SQL, leadViewOf, type LeadViewRow } from '../lead-view';
import { encodeLeadListCursor, encodeWinProbabilityCursor } from './lead-list-cursor';
import { type LeadListParams, parseLeadListParams } from './lead-list.params';

export interface LeadPage {
  items: LeadView[];
  nextCursor: string | null;
}

// Every statement below: $1–$4 the filters, $5 the active model (null: none), then its keyset and the
// limit. A null parameter is no filter: node-pg's unnamed statements are planned with their values, so
// the unused branches fold away. One row more than asked says whether there is a next page.
const selectList = (winProbability: string) => `
  SELECT p.lead_id, p.score, p.score::text AS score_text, p.fit_score, p.engagement_score, p.grade, p.stage, p.rule_version,
         p.event_count, p.first_seen_at, p.last_activity_at, p.traits, p.merged_into, ${INSIGHT_COLUMNS_SQL},
         o.team_id AS owner_team, o.member AS owner_member, ${winProbability} AS win_probability`;

// The owner as the lead view has it: the latest assigned handoff's.
const OWNER_JOIN = `
    LEFT JOIN LATERAL (
      SELECT team_id, member FROM handoffs h WHERE h.lead_id = p.lead_id AND h.team_id IS NOT NULL
       ORDER BY h.created_at DESC, h.id LIMIT 1
    ) o ON true`;

const LIVE_AND_FILTERED = `
     p.generation = (SELECT generation FROM projection_generations WHERE status = 'live')
     -- an id merged into a known lead lives on in that lead (identity merging): not listed twice
     AND p.merged_into IS NULL
     AND ($1::varchar IS NULL OR p.stage = $1)
     AND ($2::numeric IS NULL OR p.score >= $2)
     -- the IN is implied by the owner test; it lets the planner drop other teams' leads before the lateral
     AND ($3::varchar IS NULL OR (o.team_id = $3 AND p.lead_id IN (SELECT lead_id FROM handoffs WHERE team_id = $3)))
     AND ($4::varchar IS NULL OR EXISTS (SELECT 1 FROM lead_events e WHERE e.source = $4 AND e.lead_id = p.lead_id))`;

// Keyset on (score DESC, lead_id): `score <= $6` bounds the index scan (lead_projections_list_order_idx),
// the rest skips the ties already seen. Each lead with its stored probability under the active model.
const BY_SCORE_SQL = `${selectList('w.win_probability')}
    FROM lead_projections p ${OWNER_JOIN}
    LEFT JOIN lead_win_probabilities w ON w.lead_id = p.lead_id AND w.model_id = $5::uuid
   WHERE ${LIVE_AND_FILTERED}
     AND ($6::numeric IS NULL OR (p.score <= $6 AND (p.score < $6 OR p.lead_id > $7::varchar)))
   ORDER BY p.score DESC, p.lead_id
   LIMIT $8`;

// The leads with a probability: the active model's rows walked in the order of
// lead_win_probabilities_order_idx, keyset on (win_probability DESC, lead_id) as above. OFFSET 0 keeps
// the walk a subquery of its own: flattened, the planner (which cannot tell how many projections the
// jsonb mergedInto test keeps) sorted every joined row instead of stopping after a page.
const WITH_PROBABILITY_SQL = `${selectList('w.win_probability')}
    FROM (
      SELECT lead_id, win_probability FROM lead_win_probabilities
       WHERE model_id = $5::uuid
         AND ($6::float8 IS NULL OR (win_probability <= $6 AND (win_probability < $6 OR lead_id > $7::varchar)))
       ORDER BY win_probability DESC, lead_id
      OFFSET 0
    ) w
    JOIN lead_projections p ON p.lead_id = w.lead_id ${OWNER_JOIN}
   WHERE ${LIVE_AND_FILTERED}
   ORDER BY w.win_probability DESC, w.lead_id
   LIMIT $8`;

// Then the leads without one (not computed yet, or no model active), by lead id after $6.
const WITHOUT_PROBABILITY_SQL = `${selectList('NULL::float8')}
    FROM lead_projections p ${OWNER_JOIN}
   WHERE ${LIVE_AND_FILTERED}
     AND NOT EXISTS (SELECT 1 FROM lead_win_probabilities x WHERE x.lead_id = p.lead_id AND x.model_id = $5::uuid)
     AND ($6::varchar IS NULL OR p.lead_id > $6)
   ORDER BY p.lead_id
   LIMIT $7`;

/** `GET /v1/leads`: the live projections (merged ids left out), filtered, by score or win probability, a page at a time. */
@Injectable()
export class ListLeadsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool, private readonly models: ActiveModels) {}

  async execute(query: Record<string, unknown>): Promise<LeadPage> {
    const parsed = parseLeadListParams(query);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const modelId = (await this.models.current())?.id ?? null;
    const { rows, more } = await this.page(parsed.params, modelId);
    const last = rows[rows.length - 1];
    const nextCursor = !more
      ? null
      : parsed.params.sort === 'winProbability'
        ? encodeWinProbabilityCursor({ winProbability: last.win_probability, leadId: last.lead_id })
        : encodeLeadListCursor({ score: last.score_text, leadId: last.lead_id });
    // With an active model each item has its stored probability (null until the refresher computed it).
    return { items: rows.map((row) => (modelId === null ? leadViewOf(row) : { ...leadViewOf(row), winProbability: row.win_probability, modelId })), nextCursor };
  }

  private async page(params: LeadListParams, modelId: string | null): Promise<{ rows: LeadRow[]; more: boolean }> {
    const { stage, minScore, team, source, limit } = params;
    const run = async (sql: string, keyset: Array<string | number | null>, rows: number) =>
      (await this.pool.query<LeadRow>(sql, [stage, minScore, team, source, modelId, ...keyset, rows])).rows;
    let rows: LeadRow[];
    if (params.sort === 'score') {
      rows = await run(BY_SCORE_SQL, [params.after?.score ?? null, params.after?.leadId ?? null], limit + 1);
    } else {
      // Those with a probability first (unless the cursor is already past them), then those without.
      const at = params.after;
      const computed = at?.winProbability === null ? [] : await run(WITH_PROBABILITY_SQL, [at?.winProbability ?? null, at?.leadId ?? null], limit + 1);
      const rest = computed.length > limit ? [] : await run(WITHOUT_PROBABILITY_SQL, [at?.winProbability === null ? at.leadId : null], limit + 1 - computed.length);
      rows = [...computed, ...rest];
    }
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }
}

interface LeadRow extends LeadViewRow {
  score_text: string;
  win_probability: number | null;
}
