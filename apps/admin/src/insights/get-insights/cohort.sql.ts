/**
 * The cohort of a window in one scan: leads of the live generation first seen in [$1, $2), of
 * source $3 (null: all), merged ids left out (they live on in the lead they merged into), grouped
 * three ways at once — by first-touch source (counts, revenue, medians), by current stage, by
 * score bucket (insights-report.ts SCORE_BUCKETS). Medians are in days (percentile_cont ignores
 * the leads that never got there). Served by lead_projections_cohort_idx (generation, first_seen_at).
 */
export const COHORT_SQL = `
  WITH cohort AS (
    SELECT p.source, p.stage, p.first_seen_at, p.mql_at, p.sql_at, p.opportunity_at, p.customer_at, p.revenue,
           CASE WHEN p.score < 0 THEN -1 WHEN p.score >= 100 THEN 10 ELSE floor(p.score / 10)::int END AS bucket
      FROM lead_projections p
     WHERE p.generation = (SELECT generation FROM projection_generations WHERE status = 'live')
       AND p.first_seen_at >= $1 AND p.first_seen_at < $2
       AND ($3::varchar IS NULL OR p.source = $3)
       AND p.merged_into IS NULL
  )
  SELECT GROUPING(source) AS by_other, source, stage, bucket, count(*)::int AS leads,
         count(mql_at)::int AS mql, count(sql_at)::int AS sql, count(opportunity_at)::int AS opportunity,
         count(customer_at)::int AS customers, round(COALESCE(sum(revenue), 0) * 100)::bigint::text AS revenue_cents,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM mql_at - first_seen_at)::float8) / 86400 AS median_days_to_mql,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM customer_at - first_seen_at)::float8) / 86400 AS median_days_to_customer
    FROM cohort
   GROUP BY GROUPING SETS ((source), (stage), (bucket))`;

/** Costs per source over the months [$1, $2] (first days), of source $3 (null: all), in cents. */
export const COSTS_SQL = `
  SELECT source, round(sum(amount) * 100)::bigint::text AS cost_cents
    FROM insight_costs
   WHERE month >= $1::date AND month <= $2::date AND ($3::varchar IS NULL OR source = $3)
   GROUP BY source`;
