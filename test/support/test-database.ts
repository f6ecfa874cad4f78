import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { createDataSource, migrate } from '@leadscore/persistence';

/**
 * Drops and creates a database of its own for one suite; returns its URL. `LEADSCORE_TEST_DB_SUFFIX`
 * (optional) is appended to the name, so two checkouts can run the same suite on one server at once.
 */
export async function freshDatabase(baseUrl: string, suiteName: string): Promise<string> {
  const name = `${suiteName}${process.env.LEADSCORE_TEST_DB_SUFFIX ?? ''}`;
  const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(baseUrl, name);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database of its own for one suite, with every migration applied; returns its URL. */
export async function migratedDatabase(baseUrl: string, name: string): Promise<string> {
  const url = await freshDatabase(baseUrl, name);
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return url;
}

/** The data source of a database (already migrated), initialized: what the admin app is given. */
export async function openDataSource(url: string): Promise<DataSource> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  return dataSource;
}
