import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { LEAD_ID_PATTERN, type LeadView } from '@leadscore/contracts';
import { NotFound, ValidationFailed } from '@leadscore/http';
import { readLeadEvents } from '@leadscore/persistence';
import { toScoringEvent } from '@leadscore/projection';
import { foldBatch, initialLeadState, valueAt } from '@leadscore/scoring';
import { PG_POOL } from '../../admin.tokens';
import { LeadWinProbability } from '../../models/lead-win-probability';
import { milestonesOf, withWinProbability } from '../lead-view';
import { parseAsOf } from './as-of.param';
import { CompiledRuleSets } from './compiled-rule-sets';

// The version that scored the live projection; for a lead not projected yet, the active one.
const VERSION_SQL = `
  SELECT COALESCE(
    (SELECT p.rule_version FROM lead_projections p
     JOIN projection_generations g ON g.generation = p.generation AND g.status = 'live'
     WHERE p.lead_id = $1),
    (SELECT version FROM rule_sets WHERE is_active)) AS version`;

/**
 * A lead as it stood at an instant: its stored events that had happened by then, folded under the
 * version that scored its live projection, with decayed and expiring points valued at that instant.
 */
@Injectable()
export class GetLeadAsOfQuery {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly ruleSets: CompiledRuleSets,
    private readonly winProbability: LeadWinProbability,
  ) {}

  async execute(leadId: string, asOf: unknown): Promise<LeadView> {
    if (!LEAD_ID_PATTERN.test(leadId)) throw new ValidationFailed([{ path: 'leadId', message: 'expected 1-128 characters of [A-Za-z0-9._:@+-]' }]);
    const at = parseAsOf(asOf);
    const events = await readLeadEvents(this.pool, leadId, new Date(at));
    if (events.length === 0) throw new NotFound('leadId', `no lead "${leadId}" as of ${new Date(at).toISOString()}`);
    const version = (await this.pool.query<{ version: number | null }>(VERSION_SQL, [leadId])).rows[0].version;
    if (version === null) throw new NotFound('leadId', `no rule set has scored lead "${leadId}" yet`);
    const ruleSet = await this.ruleSets.get(version);
    const { state } = foldBatch(initialLeadState(leadId), events.map(toScoringEvent), ruleSet);
    const valuation = valueAt(state, ruleSet, at);
    return withWinProbability({
      leadId,
      score: valuation.score,
      fitScore: valuation.fitScore,
      engagementScore: valuation.engagementScore,
      grade: valuation.grade,
      stage: state.stage,
      owner: null,
      ruleVersion: version,
      eventCount: state.eventCount,
      firstSeenAt: isoOrNull(state.firstSeenAt),
      lastActivityAt: isoOrNull(state.lastActivityAt),
      traits: state.traits,
      mergedInto: state.mergedInto,
      source: state.insights.source,
      milestones: milestonesOf(state.insights),
      revenue: state.insights.revenue,
    }, await this.winProbability.of(leadId, at));
  }
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
