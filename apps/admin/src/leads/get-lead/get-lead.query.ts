import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { LEAD_ID_PATTERN, type LeadView } from '@leadscore/contracts';
import { NotFound, ValidationFailed } from '@leadscore/http';
import { PG_POOL } from '../../admin.tokens';
import { LeadWinProbability } from '../../models/lead-win-probability';
import { INSIGHT_COLUMNS_SQL, leadViewOf, type LeadViewRow, withWinProbability } from '../lead-view';

const SQL = `
  SELECT p.lead_id, p.score, p.fit_score, p.engagement_score, p.grade, p.stage, p.rule_version, p.event_count,
         p.first_seen_at, p.last_activity_at, p.traits, p.merged_into, ${INSIGHT_COLUMNS_SQL}, o.team_id AS owner_team, o.member AS owner_member
  FROM lead_projections p
  JOIN projection_generations g ON g.generation = p.generation AND g.status = 'live'
  -- the owner is the latest assigned handoff's (the SQL handoff keeps the MQL owner)
  LEFT JOIN LATERAL (
    SELECT team_id, member FROM handoffs h WHERE h.lead_id = p.lead_id AND h.team_id IS NOT NULL
    ORDER BY h.created_at DESC, h.id LIMIT 1
  ) o ON true
  WHERE p.lead_id = $1`;

/** A lead's current score and stage from the live projection. */
@Injectable()
export class GetLeadQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool, private readonly winProbability: LeadWinProbability) {}

  async execute(leadId: string): Promise<LeadView> {
    if (!LEAD_ID_PATTERN.test(leadId)) throw new ValidationFailed([{ path: 'leadId', message: 'expected 1-128 characters of [A-Za-z0-9._:@+-]' }]);
    const result = await this.pool.query<LeadViewRow>(SQL, [leadId]);
    if (result.rows.length === 0) throw new NotFound('leadId', `no lead "${leadId}"`);
    return withWinProbability(leadViewOf(result.rows[0]), await this.winProbability.of(leadId));
  }
}
