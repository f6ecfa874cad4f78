/**
 * The lead list sorted by win probability (apps/admin/src/leads/list-leads, models/refresh-win-probabilities)
 * over N leads seeded straight into a fresh database (events and live projections by generate_series,
 * the SIMPLE rules, an active two-feature model): the refresher's first pass over every lead (events of
 * the stale ones of 1,000 projections per query) against reading each lead's events by itself (readLeadEvents, one
 * round trip per lead, on a sample), a pass after 1 % of the leads got an event, one with nothing changed, then the first page and a
 * page deep in the list by score and by win probability, best of RUNS after a warm-up.
 *
 *   npm run build && node dist/bench/lead-list-sort.bench.js    Env: BENCH_LIST_LEADS (100000), BENCH_LIST_RUNS (5).
 */
import { loadavg } from 'node:os';
import { Pool } from 'pg';
import { leadWinProbability, type LogisticModel } from '../libs/learning/src';
import { COMPILED_RULE_SETS, readLeadEvents } from '../libs/persistence/src';
import { toScoringEvent } from '../libs/projection/src';
import { ListLeadsQuery } from '../apps/admin/src/leads/list-leads/list-leads.query';
import { ActiveModels } from '../apps/admin/src/models/active-model';
import { refreshWinProbabilities } from '../apps/admin/src/models/refresh-win-probabilities/refresh-win-probabilities';
import { seedRuleSet } from '../test/support/seed-rule-set';
import { SIMPLE_RULES_YAML } from '../test/support/simple-rules';
import { migratedDatabase } from '../test/support/test-database';
import { bestOf, report } from './bench-report';

const LEADS = Number(process.env.BENCH_LIST_LEADS ?? 100_000);
const RUNS = Number(process.env.BENCH_LIST_RUNS ?? 5);
const SAMPLE = Math.min(LEADS, 5000);
const BASE_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore';
const MODEL_ID = '00000000-0000-4000-8000-0000000be4c4';
const MODEL: LogisticModel = { features: ['event:page_visit', 'event:whitepaper_download'], intercept: -2, weights: [0.3, 0.7] };

// Lead i has 1 + i % 6 events, alternating page visits and whitepapers, a minute apart.
const SEED_EVENTS_SQL = `
  INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at, source, properties, traits, source_key_id, producer)
  SELECT 'e-' || i || '-' || k, 'lead-' || i, CASE WHEN k % 2 = 0 THEN 'whitepaper_download' ELSE 'page_visit' END,
         timestamptz '2026-06-01' + (i * 6 + k) * interval '1 minute', timestamptz '2026-06-01' + (i * 6 + k) * interval '1 minute',
         'ads', '{"url": "/pricing"}'::jsonb, NULL, NULL, 'public'
    FROM generate_series(1, $1::int) AS i, generate_series(1, 1 + i % 6) AS k`;
const SEED_PROJECTIONS_SQL = `
  INSERT INTO lead_projections (generation, lead_id, score, fit_score, engagement_score, grade, stage, rule_version, event_count,
    first_seen_at, last_activity_at, last_seq, traits, state)
  SELECT 1, lead_id, count(*) * 5, 0, count(*) * 5, 'C', 'new', 1, count(*), min(occurred_at), max(occurred_at), max(seq), '{}', '{}'
    FROM lead_events GROUP BY lead_id`;

async function main(): Promise<void> {
  const databaseUrl = await migratedDatabase(BASE_DB, 'leadscore_bench_lead_list_sort');
  const rulesVersion = await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  try {
    await pool.query(SEED_EVENTS_SQL, [LEADS]);
    await pool.query(SEED_PROJECTIONS_SQL);
    await pool.query(
      `INSERT INTO models (id, status, window_from, window_to, seed, rules_version, feature_spec_version, model, is_active)
       VALUES ($1, 'done', '2026-01-01', '2026-02-01', 1, $2, 1, $3, true)`,
      [MODEL_ID, rulesVersion, JSON.stringify(MODEL)],
    );
    await pool.query('VACUUM ANALYZE lead_events, lead_projections');
    const ruleSet = await COMPILED_RULE_SETS.get(pool, rulesVersion);
    if (!ruleSet) throw new Error('the rule set does not compile');
    const load = () => loadavg()[0].toFixed(1);

    const perLeadStarted = performance.now();
    for (let i = 1; i <= SAMPLE; i++) {
      const leadId = `lead-${i}`;
      leadWinProbability(MODEL, leadId, (await readLeadEvents(pool, leadId)).map(toScoringEvent), ruleSet);
    }
    const perLeadPerSecond = SAMPLE / ((performance.now() - perLeadStarted) / 1000);

    const firstStarted = performance.now();
    const first = await refreshWinProbabilities(pool, { modelId: MODEL_ID, model: MODEL, ruleSet });
    const firstSeconds = (performance.now() - firstStarted) / 1000;
    report(
      { bench: 'win-probability-refresh', case: 'first pass', leads: first, seconds: round(firstSeconds), leadsPerSecond: Math.round(first / firstSeconds), perLeadReadsPerSecond: Math.round(perLeadPerSecond), ratio: round(first / firstSeconds / perLeadPerSecond), load: load() },
      `win probability refresh: first pass over ${first.toLocaleString('en')} leads in ${round(firstSeconds)} s (${Math.round(first / firstSeconds)} leads/s; one query per lead: ${Math.round(perLeadPerSecond)} leads/s on ${SAMPLE}), load ${load()}`,
    );

    // 1 % of the leads get one more event, their projections move to it.
    await pool.query(`
      WITH added AS (
        INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at, source, properties, traits, source_key_id, producer)
        SELECT 'more-' || i, 'lead-' || i, 'whitepaper_download', timestamptz '2026-09-01', timestamptz '2026-09-01', 'ads', '{}', NULL, NULL, 'public'
          FROM generate_series(100, $1::int, 100) AS i
        RETURNING lead_id, seq)
      UPDATE lead_projections p SET last_seq = added.seq, event_count = p.event_count + 1 FROM added WHERE p.lead_id = added.lead_id AND p.generation = 1`, [LEADS]);
    const againStarted = performance.now();
    const again = await refreshWinProbabilities(pool, { modelId: MODEL_ID, model: MODEL, ruleSet });
    const againMs = performance.now() - againStarted;
    report(
      { bench: 'win-probability-refresh', case: 'incremental pass, 1 % of leads changed', leads: again, ms: Math.round(againMs), load: load() },
      `win probability refresh: ${again} changed leads of ${LEADS.toLocaleString('en')} in ${Math.round(againMs)} ms, load ${load()}`,
    );

    const idleStarted = performance.now();
    const idle = await refreshWinProbabilities(pool, { modelId: MODEL_ID, model: MODEL, ruleSet });
    const idleMs = performance.now() - idleStarted;
    report(
      { bench: 'win-probability-refresh', case: 'pass with nothing changed', leads: idle, ms: Math.round(idleMs), load: load() },
      `win probability refresh: a pass over ${LEADS.toLocaleString('en')} unchanged leads in ${Math.round(idleMs)} ms, load ${load()}`,
    );

    const list = new ListLeadsQuery(pool, new ActiveModels(pool));
    const deep = async (sort: string) => {
      let cursor: string | null = null;
      for (let page = 0; page < 5; page++) cursor = (await list.execute({ sort, limit: '500', ...(cursor ? { cursor } : {}) })).nextCursor;
      return cursor as string;
    };
    for (const sort of ['score', 'winProbability']) {
      const firstPage = await bestOf(RUNS, () => list.execute({ sort, limit: '100' }));
      const cursor = await deep(sort);
      const deepPage = await bestOf(RUNS, () => list.execute({ sort, limit: '100', cursor }));
      report(
        { bench: 'lead-list', sort, leads: LEADS, firstPageMs: round(firstPage), pageAfter2500Ms: round(deepPage), load: load() },
        `lead list by ${sort} over ${LEADS.toLocaleString('en')} leads: first page of 100 ${round(firstPage)} ms, the page after 2,500 leads ${round(deepPage)} ms (best of ${RUNS}), load ${load()}`,
      );
    }
  } finally {
    await pool.end();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
