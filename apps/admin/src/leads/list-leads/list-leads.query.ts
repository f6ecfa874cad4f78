import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type LeadView } from '@leadscore/contracts';
import { ValidationFailed } from '@leadscore/http';
import { PG_POOL } from '../../admin.tokens';
import { INSIGHT_COLUMNS_SQL, leadViewOf, type LeadViewRow } from '../lead-view';
import { encodeLeadListCursor, encodeWinProbabilityCursor } from './lead-list-cursor';
import { type LeadListParams, parseLeadListParams } from './lead-list.params';

export interface LeadPage {
  items: LeadView[];
  nextCursor: string | null;
}

// The live projections (merged ids left out), filtered, each with its owner and its stored win
// probability under the active model (refreshed by WinProbabilityRefresher; null until then). A null
// parameter is no filter: node-pg's unnamed statements are planned with their values, so the unused
// branches fold away. $1–$4 are the filters, $5–$6 the keyset, $7 the limit.
const FROM_FILTERED = `
    FROM lead_projections p
    -- the owner as the lead view has it: the latest assigned handoff's
    LEFT JOIN LATERAL (
      SELECT team_id, member FROM handoffs h WHERE h.lead_id = p.lead_id AND h.team_id IS NOT NULL
       ORDER BY h.created_at DESC, h.id LIMIT 1
    ) o ON true
    LEFT JOIN models m ON m.is_active
    LEFT JOIN lead_win_probabilities w ON w.lead_id = p.lead_id AND w.model_id = m.id
   WHERE p.generation = (SELECT generation FROM projection_generations WHERE status = 'live')
     -- an id merged into a known lead lives on in that lead (identity merging): not listed twice
     AND p.state->>'mergedInto' IS NULL
     AND ($1::varchar IS NULL OR p.stage = $1)
     AND ($2::numeric IS NULL OR p.score >= $2)
     -- the IN is implied by the owner test; it lets the planner drop other teams' leads before the lateral
     AND ($3::varchar IS NULL OR (o.team_id = $3 AND p.lead_id IN (SELECT lead_id FROM handoffs WHERE team_id = $3)))
     AND ($4::varchar IS NULL OR EXISTS (SELECT 1 FROM lead_events e WHERE e.source = $4 AND e.lead_id = p.lead_id))`;

const SELECT_LIST = `
  SELECT p.lead_id, p.score, p.score::text AS score_text, p.fit_score, p.engagement_score, p.grade, p.stage, p.rule_version,
         p.event_count, p.first_seen_at, p.last_activity_at, p.traits, p.state->>'mergedInto' AS merged_into, ${INSIGHT_COLUMNS_SQL},
         o.team_id AS owner_team, o.member AS owner_member, m.id AS active_model_id, w.win_probability`;

// Keyset on (score DESC, lead_id): `score <= $5` bounds the index scan (lead_projections_list_order_idx),
// the rest skips the ties already seen. One row more than asked says whether there is a next page.
const BY_SCORE_SQL = `${SELECT_LIST} ${FROM_FILTERED}
     AND ($5::numeric IS NULL OR (p.score <= $5 AND (p.score < $5 OR p.lead_id > $6::varchar)))
   ORDER BY p.score DESC, p.lead_id
   LIMIT $7`;

// Keyset on (win_probability DESC NULLS LAST, lead_id): after a probability, the lower ones, its ties
// after the lead id, and every lead without one; after a lead without one, only those after its id.
const BY_WIN_PROBABILITY_SQL = `${SELECT_LIST} ${FROM_FILTERED}
     AND ($6::varchar IS NULL
          OR ($5::float8 IS NULL AND w.win_probability IS NULL AND p.lead_id > $6)
          OR ($5::float8 IS NOT NULL AND (w.win_probability IS NULL OR w.win_probability < $5 OR (w.win_probability = $5 AND p.lead_id > $6))))
   ORDER BY w.win_probability DESC NULLS LAST, p.lead_id
   LIMIT $7`;

/** `GET /v1/leads`: the live projections (merged ids left out), filtered, by score or win probability, a page at a time. */
@Injectable()
export class ListLeadsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(query: Record<string, unknown>): Promise<LeadPage> {
    const parsed = parseLeadListParams(query);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const { rows, more } = await this.page(parsed.params);
    const last = rows[rows.length - 1];
    const nextCursor = !more
      ? null
      : parsed.params.sort === 'winProbability'
        ? encodeWinProbabilityCursor({ winProbability: last.win_probability, leadId: last.lead_id })
        : encodeLeadListCursor({ score: last.score_text, leadId: last.lead_id });
    return { items: rows.map(listItemOf), nextCursor };
  }

  private async page(params: LeadListParams): Promise<{ rows: LeadRow[]; more: boolean }> {
    const { stage, minScore, team, source, sort, after, limit } = params;
    const position = after === null ? null : 'score' in after ? after.score : after.winProbability;
    const sql = sort === 'winProbability' ? BY_WIN_PROBABILITY_SQL : BY_SCORE_SQL;
    const result = await this.pool.query<LeadRow>(sql, [stage, minScore, team, source, position, after?.leadId ?? null, limit + 1]);
    return { rows: result.rows.slice(0, limit), more: result.rows.length > limit };
  }
}

/** The lead view; with an active model, its stored probability (null until the refresher computed it) and the model's id. */
function listItemOf(row: LeadRow): LeadView {
  const view = leadViewOf(row);
  return row.active_model_id === null ? view : { ...view, winProbability: row.win_probability, modelId: row.active_model_id };
}

interface LeadRow extends LeadViewRow {
  score_text: string;
  active_model_id: string | null;
  win_probability: number | null;
}
