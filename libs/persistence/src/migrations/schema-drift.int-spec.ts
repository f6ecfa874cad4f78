import { DataSource } from 'typeorm';
import { pendingSchemaChanges, publicTables, readSchemaCatalog, type SchemaCatalog } from '@test/support/schema-catalog';
import { freshDatabase, migratedDatabase } from '@test/support/test-database';
import { createDataSource } from '../data-source';
import { HandoffEntity } from '../entities';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(120_000);

/**
 * The entities and the migrations describe one schema. TypeORM's schema builder compares column
 * types, lengths, nullability, defaults, primary keys, uniques, foreign keys, and indexes and checks
 * by name; a database built from the entities alone (`synchronize`, here only) compared object by
 * object with the migrated one also catches index columns, order and predicates and check expressions.
 */
describe('entities and migrations', () => {
  let migrated: DataSource;
  let tables: string[];
  let migrationOnlyIndexes: string[];

  beforeAll(async () => {
    migrated = await open(await migratedDatabase(baseUrl, 'leadscore_test_schema_drift'));
    tables = migrated.entityMetadatas.map((metadata) => metadata.tableName).sort();
    migrationOnlyIndexes = migrated.entityMetadatas.flatMap((metadata) => metadata.indices.filter((index) => !index.synchronize).map((index) => index.name)).sort();
  });

  afterAll(async () => {
    await migrated?.destroy();
  });

  it('leaves the schema builder nothing to do after every migration ran', async () => {
    expect(await pendingSchemaChanges(migrated)).toEqual([]);
  });

  it('has an entity for every table the migrations create', async () => {
    expect((await publicTables(migrated)).filter((table) => table !== 'migrations')).toEqual(tables);
  });

  it('builds, from the entities alone, the same columns, indexes and constraints as the migrations', async () => {
    const synced = await open(await freshDatabase(baseUrl, 'leadscore_test_schema_drift_synced'));
    try {
      // The one synchronize of the code base: a throwaway database, to print the entities' schema.
      await synced.synchronize();
      const fromMigrations = await readSchemaCatalog(migrated, tables);
      expect(await readSchemaCatalog(synced, tables)).toEqual(withoutIndexes(fromMigrations, migrationOnlyIndexes));
      // What TypeORM cannot declare (DESC, INCLUDE, expression indexes) the entities name with `synchronize: false`.
      expect(migrationOnlyIndexes).toEqual(['lead_projections_cohort_idx', 'lead_projections_cohort_mql_idx', 'lead_projections_list_order_idx', 'lead_projections_stage_score_idx', 'lead_win_probabilities_order_idx', 'replays_one_running']);
      expect(indexNames(fromMigrations).filter((name) => migrationOnlyIndexes.includes(name)).sort()).toEqual(migrationOnlyIndexes);
    } finally {
      await synced.destroy();
    }
  });

  describe('when they disagree', () => {
    let drifted: DataSource;

    let driftedUrl: string;

    beforeAll(async () => {
      driftedUrl = await migratedDatabase(baseUrl, 'leadscore_test_schema_drift_altered');
      drifted = await open(driftedUrl);
    });

    afterAll(async () => {
      await drifted?.destroy();
    });

    it('reports an entity column that differs from the migrated one', async () => {
      const other = await open(driftedUrl);
      try {
        other.getMetadata(HandoffEntity).findColumnWithPropertyName('member')!.length = '64';
        expect((await pendingSchemaChanges(other)).join('\n')).toMatch(/ALTER TABLE "handoffs" .*"member" .*character varying\(64\)/);
      } finally {
        await other.destroy();
      }
    });

    it('reports a column the database lost after migrating', async () => {
      await drifted.query('ALTER TABLE handoffs DROP COLUMN routing_version');
      expect(await pendingSchemaChanges(drifted)).toContain('ALTER TABLE "handoffs" ADD "routing_version" integer');
    });

    it('reports an index predicate that differs, which the schema builder alone does not see', async () => {
      await drifted.query(`DROP INDEX webhook_deliveries_due_idx`);
      await drifted.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'failed'`);
      expect((await pendingSchemaChanges(drifted)).filter((query) => query.includes('webhook_deliveries_due_idx'))).toEqual([]);
      const catalog = await readSchemaCatalog(drifted, tables);
      const expected = await readSchemaCatalog(migrated, tables);
      expect(catalog.indexes.filter((line) => !expected.indexes.includes(line))).toEqual([
        `CREATE INDEX webhook_deliveries_due_idx ON public.webhook_deliveries USING btree (next_attempt_at) WHERE ((status)::text = 'failed'::text)`,
      ]);
    });
  });
});

async function open(url: string): Promise<DataSource> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  return dataSource;
}

function withoutIndexes(catalog: SchemaCatalog, names: string[]): SchemaCatalog {
  return { ...catalog, indexes: catalog.indexes.filter((line) => !names.includes(indexName(line))) };
}

function indexNames(catalog: SchemaCatalog): string[] {
  return catalog.indexes.map(indexName);
}

function indexName(indexdef: string): string {
  return /^CREATE (?:UNIQUE )?INDEX (\S+) ON/.exec(indexdef)?.[1] ?? indexdef;
}
