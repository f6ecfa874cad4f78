import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { findActiveRuleSet } from '@leadscore/persistence';
import { validateRuleSet } from '@leadscore/scoring';
import { PG_POOL } from '../../admin.tokens';
import { cohortQuery } from '../cohort-query';
import { parseInsightWindow } from '../insight-window.param';
import { type OutcomeBucket, THRESHOLD_STEP, thresholdBacktest, type ThresholdAnswer } from './threshold-backtest';

// The cohort of GET /v1/insights (same window, same source, merged ids left out), its leads with an
// outcome (an index-only scan of lead_projections_cohort_idx), counted per 5-point bucket of the peak score they had reached before it.
const SQL = `
  SELECT p.outcome, floor(p.outcome_peak_score / ${THRESHOLD_STEP})::int AS bucket, count(*)::int AS count,
         count(*) FILTER (WHERE p.outcome_peak_score >= $4)::int AS at_active
    FROM lead_projections p
   WHERE p.generation = (SELECT generation FROM projection_generations WHERE status = 'live')
     AND p.first_seen_at >= $1 AND p.first_seen_at < $2
     AND ($3::varchar IS NULL OR p.source = $3)
     AND p.merged_into IS NULL AND p.outcome IS NOT NULL
   GROUP BY 1, 2`;

/** `GET /v1/insights/thresholds?from=&to=&source=`: which MQL threshold would have told buyers from the rest. */
@Injectable()
export class GetThresholdsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(query: Record<string, unknown>): Promise<ThresholdAnswer> {
    const window = parseInsightWindow(query);
    const active = await findActiveRuleSet(this.pool);
    const validated = active === null ? null : validateRuleSet(active.definition);
    const activeThreshold = validated?.ok ? validated.definition.thresholds.mql : null;
    const rows = await cohortQuery<{ outcome: 'won' | 'lost'; bucket: number; count: number; at_active: number }>(
      this.pool, SQL, [new Date(window.from), new Date(window.to), window.source, activeThreshold ?? 0],
    );
    const buckets: OutcomeBucket[] = rows.map((r) => ({ outcome: r.outcome, bucket: r.bucket, count: r.count, atActive: r.at_active }));
    return { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), source: window.source, ...thresholdBacktest(buckets, activeThreshold) };
  }
}
