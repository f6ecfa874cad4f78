/**
 * Insights over a million leads (apps/admin/src/insights). Seeds N lead projections straight into
 * the live generation of a fresh database with one INSERT … SELECT over generate_series (sources,
 * stages, milestones, revenue, outcomes and a state document of realistic width), a year of
 * costs, then times each endpoint's query as the admin runs it — the cohort index
 * (lead_projections_cohort_idx) against a plain sequential scan — best of RUNS after a warm-up.
 * Env: BENCH_INSIGHTS_LEADS (1000000), BENCH_INSIGHTS_RUNS (5).
 */
import { Pool } from 'pg';
import { ListCostsQuery } from '../apps/admin/src/insights/costs/list-costs.query';
import { GetInsightsQuery } from '../apps/admin/src/insights/get-insights/get-insights.query';
import { GetThresholdsQuery } from '../apps/admin/src/insights/get-thresholds/get-thresholds.query';
import { seedRuleSet } from '../test/support/seed-rule-set';
import { migratedDatabase } from '../test/support/test-database';
import { bestOf, report } from './bench-report';

const LEADS = Number(process.env.BENCH_INSIGHTS_LEADS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_INSIGHTS_RUNS ?? 5);
const BASE_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore';
const RULES = 'name: bench\nthresholds: { mql: 50, sql: 100 }\nrules:\n  - { id: visit, when: { type: page_visit }, points: 10, group: web }\n';

// Leads first seen over 2025-2026 (one every ~63 s for 1M); one in three reaches mql, one in
// eight sql, one in twenty customer; a fifth of the rest are lost or disqualified.
const SEED_SQL = `
  INSERT INTO lead_projections (generation, lead_id, score, fit_score, engagement_score, grade, stage, rule_version, event_count,
    first_seen_at, last_activity_at, last_seq, source, mql_at, sql_at, opportunity_at, customer_at, lost_at, disqualified_at,
    revenue, outcome, outcome_peak_score, merged_into, traits, state, updated_at)
  SELECT 1, 'lead-' || i, s.score, 10, s.score - 10, 'C', s.stage, 1, 12,
         s.first, s.first + interval '20 days', i, (ARRAY['ads', 'seo', 'partner', 'events', 'referral', 'social'])[1 + (i / 7) % 6],
         CASE WHEN i % 3 = 0 THEN s.first + (i % 17) * interval '1 day' END,
         CASE WHEN i % 8 = 0 THEN s.first + (i % 23) * interval '1 day' END,
         CASE WHEN i % 16 = 0 THEN s.first + (i % 29) * interval '1 day' END,
         CASE WHEN i % 24 = 0 THEN s.first + (i % 41) * interval '1 day' END,
         CASE WHEN i % 24 <> 0 AND i % 5 = 1 THEN s.first + interval '30 days' END,
         CASE WHEN i % 24 <> 0 AND i % 5 = 2 THEN s.first + interval '31 days' END,
         CASE WHEN i % 24 = 0 THEN (i % 1000) * 10.5 END,
         CASE WHEN i % 24 = 0 THEN 'won' WHEN i % 5 IN (1, 2) THEN 'lost' END,
         CASE WHEN i % 24 = 0 OR i % 5 IN (1, 2) THEN s.score + i % 20 END,
         NULL, '{"company": "Acme", "jobTitle": "VP Marketing", "companySize": 250}'::jsonb,
         jsonb_build_object('leadId', 'lead-' || i, 'ledger', jsonb_build_object('live', jsonb_build_array(1, 2, 3, 4),
           'rules', jsonb_build_array('visit', 'open', 'click', 'paper', 'demo'), 'totals', jsonb_build_array(10, 20, 30, 40, 50),
           'traitsAt', jsonb_build_object('company', 1767225600000, 'jobTitle', 1767225600000))), now()
    FROM generate_series(1, $1::int) AS i,
         LATERAL (SELECT timestamptz '2025-01-01' + (i::float8 / $1) * interval '730 days' AS first,
                         (i % 130)::numeric AS score,
                         CASE WHEN i % 24 = 0 THEN 'customer' WHEN i % 8 = 0 THEN 'sql' WHEN i % 3 = 0 THEN 'mql'
                              WHEN i % 5 = 1 THEN 'nurture' WHEN i % 5 = 2 THEN 'unqualified' ELSE 'new' END AS stage) s`;

async function main(): Promise<void> {
  const databaseUrl = await migratedDatabase(BASE_DB, 'leadscore_bench_insights');
  await seedRuleSet(databaseUrl, RULES);
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  // The same queries with index scans off in every session: the cohort index against a plain scan.
  const seqPool = new Pool({ connectionString: databaseUrl, max: 4, options: '-c enable_indexscan=off -c enable_bitmapscan=off -c enable_indexonlyscan=off' });
  try {
    const seeding = performance.now();
    await pool.query(SEED_SQL, [LEADS]);
    await pool.query(`
      INSERT INTO insight_currency (id, currency) VALUES (1, 'EUR');
      INSERT INTO insight_costs (source, month, amount, currency)
      SELECT src, m::date, 1000 + length(src) * 100, 'EUR' FROM unnest(ARRAY['ads', 'seo', 'partner', 'events']) AS src,
             generate_series(timestamp '2025-01-01', timestamp '2026-12-01', interval '1 month') AS m`);
    await pool.query('VACUUM ANALYZE lead_projections');
    const seedSeconds = (performance.now() - seeding) / 1000;
    const cases = (db: Pool): Array<[string, () => Promise<unknown>]> => [
      ['insights, 2 years, all sources', () => new GetInsightsQuery(db).execute({ from: '2025-01-01', to: '2027-01-01' })],
      ['insights, 1 year, one source', () => new GetInsightsQuery(db).execute({ from: '2026-01-01', to: '2027-01-01', source: 'seo' })],
      ['insights, 1 month', () => new GetInsightsQuery(db).execute({ from: '2026-06-01', to: '2026-07-01' })],
      ['thresholds, 2 years', () => new GetThresholdsQuery(db).execute({ from: '2025-01-01', to: '2027-01-01' })],
      ['costs list', () => new ListCostsQuery(db).execute({ limit: '100' })],
    ];
    for (const [plan, db] of [['index', pool], ['seqscan', seqPool]] as const) {
      for (const [name, run] of cases(db)) {
        const ms = await bestOf(RUNS, run);
        report(
          { bench: 'insights', case: name, plan, leads: LEADS, ms: Math.round(ms), seedSeconds: Math.round(seedSeconds) },
          `insights: ${name} over ${LEADS.toLocaleString('en')} leads, ${plan === 'index' ? 'cohort index allowed' : 'sequential scan only'}: ${Math.round(ms)} ms (best of ${RUNS})`,
        );
      }
    }
  } finally {
    await Promise.all([pool.end(), seqPool.end()]);
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
