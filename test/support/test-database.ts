import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { createDataSource, migrate } from '@leadscore/persistence';
import { partitionByLead } from './partitioned-database';

let partitionedByLead = false;

/**
 * From here on in this test file, every `freshDatabase` comes migrated, its event store, audit and
 * projections hash-partitioned by lead_id (partitioned-database.ts), named with a `_by_lead`
 * suffix: suites that build their database with it then run unchanged on the scale-out layout
 * (test/partitioned-store.e2e-spec.ts). Jest gives each test file its own modules, so no other file sees it.
 */
export function partitionFreshDatabasesByLead(): void {
  partitionedByLead = true;
}

/**
 * Drops and creates a database of its own for one suite; returns its URL. `LEADSCORE_TEST_DB_SUFFIX`
 * (optional) is appended to the name, so two checkouts can run the same suite on one server at once.
 * `plain`: an empty database even where fresh databases are partitioned by lead.
 */
export async function freshDatabase(baseUrl: string, suiteName: string, options: { plain?: boolean } = {}): Promise<string> {
  const partitioned = partitionedByLead && options.plain !== true;
  const name = `${suiteName}${partitioned ? '_by_lead' : ''}${process.env.LEADSCORE_TEST_DB_SUFFIX ?? ''}`;
  const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(baseUrl, name);
  if (partitioned) {
    // Migrated first: the apps' own migrate() then finds nothing to do on the partitioned tables.
    await migrateAt(url);
    await partitionByLead(url);
  }
  return url;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database of its own for one suite, with every migration applied; returns its URL. */
export async function migratedDatabase(baseUrl: string, name: string, options: { plain?: boolean } = {}): Promise<string> {
  const url = await freshDatabase(baseUrl, name, options);
  await migrateAt(url);
  return url;
}

async function migrateAt(url: string): Promise<void> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** The data source of a database (already migrated), initialized: what the admin app is given. */
export async function openDataSource(url: string): Promise<DataSource> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  return dataSource;
}
