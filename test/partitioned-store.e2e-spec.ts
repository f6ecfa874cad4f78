import { type Pool, type PoolClient, type QueryConfig } from 'pg';
import {
  appendEvents, checkLeadStates, createPgPool, insertAuditRows, isEventStored, loadLeadStates, readLeadEvents, readLeadHistoryPage, storedEvents, upsertProjections,
  type NewEvent,
} from '@leadscore/persistence';
import { foldLeads } from '@leadscore/projection';
import { compileRuleSet, parseRuleSet } from '@leadscore/scoring';
import { LEAD_TIMELINE_SQL } from '../apps/admin/src/leads/get-lead-timeline/get-lead-timeline.query';
import { partitionsInPlan, LEAD_HASH_PARTITIONS, LEAD_PARTITIONED_TABLES } from './support/partitioned-database';
import { readSchemaCatalog, type SchemaCatalog } from './support/schema-catalog';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase, migratedDatabase, openDataSource, partitionFreshDatabasesByLead } from './support/test-database';
import { testEnv } from './setup/test-env';
// The core suites, unchanged: each builds its database with freshDatabase, hash-partitioned by lead
// here (below), and runs the real built apps on it.
import './pipeline.e2e-spec';
import './identity-merge.e2e-spec';
import './replay.e2e-spec';
import './privacy-erasure.e2e-spec';
import '../apps/admin/src/leads/get-lead-timeline/get-lead-timeline.int-spec';
import '../apps/admin/src/leads/list-leads/list-leads.int-spec';

/**
 * The scale-out layout (issue 15, libs/persistence README "Keyed by lead"): lead_events,
 * score_audit and lead_projections declaratively HASH-partitioned by lead_id. The suites above run
 * on it as they run on the plain schema — scoring end to end, duplicates, identity merges, replays
 * equal to live, simulations, the lead list and timeline, erasures, kill -9 — and the hot
 * statements of one lead plan onto one partition.
 */
partitionFreshDatabasesByLead();

jest.setTimeout(240_000);

const event = (eventId: string, leadId: string, type = 'page_visit'): NewEvent => ({
  eventId, leadId, type, occurredAt: new Date(Date.UTC(2026, 0, 5, 10)), receivedAt: new Date(Date.UTC(2026, 0, 5, 11)),
  source: 'web', properties: {}, traits: null, sourceKeyId: null, producer: 'public',
});

describe('the event store, audit and projections hash-partitioned by lead_id', () => {
  let pool: Pool;
  let url: string;

  beforeAll(async () => {
    url = await freshDatabase(testEnv().databaseUrl, 'leadscore_e2e_partitioned_plans');
    pool = createPgPool(url, 2);
    const parsed = parseRuleSet(SIMPLE_RULES_YAML, 'yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const client = await pool.connect();
    try {
      // 40 leads, so every partition holds some; a lead's events interleave with the others'.
      const stored = await appendEvents(client, Array.from({ length: 200 }, (_, n) => event(`e-${n}`, `lead-${n % 40}`)));
      const folded = foldLeads(stored, new Map(), compileRuleSet(parsed.definition, 1));
      await insertAuditRows(client, 1, folded.audit);
      await upsertProjections(client, 1, folded.projections);
      await client.query(`ANALYZE`);
    } finally {
      client.release();
    }
  });

  afterAll(async () => {
    await pool?.end();
  });

  it(`has the migrated schema's columns, keys and indexes, each table in ${LEAD_HASH_PARTITIONS} hash partitions of lead_id`, async () => {
    const [partitioned, plain] = [await openDataSource(url), await openDataSource(await migratedDatabase(testEnv().databaseUrl, 'leadscore_e2e_partitioned_plain', { plain: true }))];
    try {
      const tables = plain.entityMetadatas.map((metadata) => metadata.tableName);
      expect(withoutOnly(await readSchemaCatalog(partitioned, tables))).toEqual(await readSchemaCatalog(plain, tables));
      const layout = await partitioned.query<Array<{ table: string; strategy: string; key: string; partitions: number }>>(`
        SELECT c.relname AS table, p.partstrat AS strategy, pg_get_partkeydef(c.oid) AS key,
               (SELECT count(*)::int FROM pg_inherits i WHERE i.inhparent = c.oid) AS partitions
          FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid ORDER BY 1`);
      expect(layout).toEqual([...LEAD_PARTITIONED_TABLES].sort().map((table) => ({ table, strategy: 'h', key: 'HASH (lead_id)', partitions: LEAD_HASH_PARTITIONS })));
      expect(Number((await partitioned.query(`SELECT count(DISTINCT tableoid) AS n FROM lead_events`))[0].n)).toBe(LEAD_HASH_PARTITIONS);
    } finally {
      await Promise.all([partitioned.destroy(), plain.destroy()]);
    }
  });

  it('plans a lead\'s timeline page onto one partition of the store and one of the audit: the lead\'s own', async () => {
    const home = async (table: string) => (await pool.query(`SELECT DISTINCT tableoid::regclass::text AS name FROM ${table} WHERE lead_id = 'lead-7'`)).rows.map((row) => row.name);
    const params = ['lead-7', null, 101];
    expect(await partitionsInPlan(pool, 'lead_events', LEAD_TIMELINE_SQL, params)).toEqual(await home('lead_events'));
    expect(await partitionsInPlan(pool, 'score_audit', LEAD_TIMELINE_SQL, params)).toEqual(await home('score_audit'));
    expect(await home('lead_events')).toHaveLength(1);
  });

  it('plans the workers\' per-lead statements onto the partitions of their leads only', async () => {
    const plans = explaining();
    await loadLeadStates(plans.client, 1, ['lead-3']);
    await readLeadHistoryPage(plans.client, { leadId: 'lead-3', afterSeq: '0', beforeSeq: '999999', exceptTypes: [], limit: 100 });
    await readLeadEvents(plans.client, 'lead-3');
    await isEventStored(plans.client, { leadId: 'lead-3', eventId: 'e-3' });
    await storedEvents(plans.client, [{ leadId: 'lead-3', eventId: 'e-3' }]);
    await loadLeadStates(plans.client, 1, ['lead-3', 'lead-4']);
    await checkLeadStates(plans.client, 1, [{ leadId: 'lead-3', knownSeq: '5' }, { leadId: 'lead-4', knownSeq: null }]);
    const touched = await Promise.all(plans.statements.map(async ({ sql, params }) => [
      ...await partitionsInPlan(pool, 'lead_events', sql, params), ...await partitionsInPlan(pool, 'lead_projections', sql, params),
    ]));
    const homesOfTwo = await pool.query(`SELECT DISTINCT tableoid FROM lead_projections WHERE lead_id IN ('lead-3', 'lead-4')`);
    expect(touched.map((names) => names.length)).toEqual([1, 1, 1, 1, 1, homesOfTwo.rows.length, homesOfTwo.rows.length]);
  });
});

/** `ON ONLY`: how PostgreSQL prints a partitioned table's index; the same index otherwise. */
function withoutOnly(catalog: SchemaCatalog): SchemaCatalog {
  return { ...catalog, indexes: catalog.indexes.map((line) => line.replace(' ON ONLY ', ' ON ')).sort() };
}

/** A client that records each statement a function runs (answering none), to EXPLAIN them after. */
function explaining(): { client: PoolClient; statements: Array<{ sql: string; params: unknown[] }> } {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const query = async (text: string | QueryConfig, values?: unknown[]) => {
    statements.push(typeof text === 'string' ? { sql: text, params: values ?? [] } : { sql: text.text, params: text.values ?? [] });
    return { rows: [], rowCount: 0 };
  };
  return { client: { query } as unknown as PoolClient, statements };
}
