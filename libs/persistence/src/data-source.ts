import { type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { ADVISORY_LOCKS } from './transactions/advisory-locks';

export { ENTITIES, MIGRATIONS };

/**
 * TypeORM owns the schema (entities and migrations, never synchronize) and the admin's plain CRUD;
 * its pool has the settings of `createPgPool`, so the admin's raw queries can share it (`pgPoolOf`).
 */
export function createDataSource(databaseUrl: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: options.poolSize ?? 5,
    connectTimeoutMS: 3000,
    extra: { idleTimeoutMillis: 30000 },
  });
}

/**
 * The `pg` pool under an initialized data source: the admin's raw queries and its TypeORM
 * repositories take their connections from one pool, and an audited change runs both in one transaction.
 */
export function pgPoolOf(dataSource: DataSource): Pool {
  if (!dataSource.isInitialized || !(dataSource.driver instanceof PostgresDriver)) throw new Error('pgPoolOf: an initialized PostgreSQL data source is needed');
  return dataSource.driver.master as Pool;
}

// Any constant works; it only has to be the same in every app so migrations run one at a time.
const MIGRATION_LOCK_KEY = ADVISORY_LOCKS.migrations;

/** Runs pending migrations under an advisory lock, so apps starting together do not race. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
