// The cohort of a window: leads of the live generation first seen in [$1, $2), of source $3 (null:
// all), merged ids left out (they live on in the lead they merged into). Read by an index-only
// scan of lead_projections_cohort_idx, which covers every column these statements use.
const COHORT = `
  FROM lead_projections p
 WHERE p.generation = (SELECT generation FROM projection_generations WHERE status = 'live')
   AND p.first_seen_at >= $1 AND p.first_seen_at < $2
   AND ($3::varchar IS NULL OR p.source = $3)
   AND p.merged_into IS NULL`;

/**
 * Counts by (first-touch source, current stage, score bucket): a few hundred groups, hashed in one
 * pass; the report adds them up three ways. Buckets as insights-report.ts SCORE_BUCKETS.
 */
export const COHORT_COUNTS_SQL = `
  SELECT p.source, p.stage, CASE WHEN p.score < 0 THEN -1 WHEN p.score >= 100 THEN 10 ELSE floor(p.score / 10)::int END AS bucket,
         count(*)::int AS leads, count(p.mql_at)::int AS mql, count(p.sql_at)::int AS sql,
         count(p.opportunity_at)::int AS opportunity, count(p.customer_at)::int AS customers,
         round(COALESCE(sum(p.revenue), 0) * 100)::bigint::text AS revenue_cents
  ${COHORT}
  GROUP BY 1, 2, 3`;

/**
 * Median days from first seen to mql and to customer, per source. Only leads that reached mql
 * take part: reaching customer reaches mql too (libs/scoring milestones.ts). Read from
 * lead_projections_cohort_mql_idx, which holds just those leads, in source order.
 */
export const COHORT_MEDIANS_SQL = `
  SELECT p.source,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.mql_at - p.first_seen_at)::float8) / 86400 AS median_days_to_mql,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.customer_at - p.first_seen_at)::float8) / 86400 AS median_days_to_customer
  ${COHORT}
   AND p.mql_at IS NOT NULL
  GROUP BY 1`;

/** Costs per source over the months [$1, $2] (first days), of source $3 (null: all), in cents. */
export const COSTS_SQL = `
  SELECT source, round(sum(amount) * 100)::bigint::text AS cost_cents
    FROM insight_costs
   WHERE month >= $1::date AND month <= $2::date AND ($3::varchar IS NULL OR source = $3)
   GROUP BY source`;
