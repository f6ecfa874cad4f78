import { type Pool } from 'pg';
import { migratedDatabase } from '@test/support/test-database';
import { createPgPool } from '../pg-pool';
import { CHECK_STATES_SQL, checkLeadStates } from './lead-projection.repository';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(120_000);

const LEADS = 30_000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/** Fills `generation` with LEADS leads (lead-1 …), states ~1.3 KB as the worker writes them. */
async function fill(pool: Pool, generation: number): Promise<void> {
  await pool.query(
    `INSERT INTO lead_projections (generation, lead_id, score, fit_score, engagement_score, grade, stage, rule_version, event_count, last_seq, traits, state)
     SELECT $1, 'lead-' || i, i % 100, 0, 0, 'D', 'new', 1, 3, i, '{}', json_build_object('pad', repeat('x', 1300))
     FROM generate_series(1, $2::int) AS i`,
    [generation, LEADS],
  );
}

/**
 * The worker's lead-keyed read of states must go through the primary key with both columns even
 * when the table's statistics do not know the generation yet (a replay just switched, or a table
 * filling faster than autoanalyze): with the generation as a literal PostgreSQL estimated it at one
 * row and read the whole generation through an index on `generation` alone (tens of ms a batch).
 */
describe('reading leads\' states by lead, whatever the statistics say', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_lead_state_reads'), 2);
    // Statistics taken while only generation 1 existed; autovacuum kept from refreshing them during the test.
    await pool.query('ALTER TABLE lead_projections SET (autovacuum_enabled = false)');
    await pool.query(`INSERT INTO projection_generations (generation, status) VALUES (2, 'building') ON CONFLICT DO NOTHING`);
    await fill(pool, 1);
    await pool.query('ANALYZE lead_projections');
    await fill(pool, 2);
  });

  afterAll(async () => {
    await pool?.end();
  });

  it('probes the primary key for each lead of a generation the statistics have not seen', async () => {
    const leadIds = Array.from({ length: 150 }, (_, i) => `lead-${(i * 197) % LEADS + 1}`);
    const explained = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${CHECK_STATES_SQL}`, [2, leadIds, leadIds.map(() => null)],
    );
    const scans = nodesOf(explained.rows[0]['QUERY PLAN'][0].Plan).filter((node) => /Scan/.test(node['Node Type']) && node['Node Type'] !== 'Function Scan');
    expect(scans.map((node) => [node['Node Type'], node['Index Name']])).toEqual([['Index Scan', 'lead_projections_pkey']]);
    expect(scans[0]['Index Cond']).toMatch(/lead_id/);

    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const states = await checkLeadStates(client, 2, leadIds.map((leadId) => ({ leadId, knownSeq: null })));
      expect(states.size).toBe(150);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
