import { DataSource } from 'typeorm';
import { InsightCostEntity } from './entities/insight-cost.entity';
import { InsightCurrencyEntity } from './entities/insight-currency.entity';
import { LeadEventEntity } from './entities/lead-event.entity';
import { LeadProjectionEntity } from './entities/lead-projection.entity';
import { ProjectionGenerationEntity } from './entities/projection-generation.entity';
import { RuleSetEntity } from './entities/rule-set.entity';
import { ScoreAuditEntity } from './entities/score-audit.entity';
import { WriteKeyEntity } from './entities/write-key.entity';
import { ErasureEntity } from './entities/erasure.entity';
import { ApiTokenEntity } from './entities/api-token.entity';
import { OpsAuditEntity } from './entities/ops-audit.entity';
import { MIGRATIONS } from './migrations';
import { ADVISORY_LOCKS } from './transactions/advisory-locks';

export const ENTITIES = [InsightCostEntity, InsightCurrencyEntity, LeadEventEntity, LeadProjectionEntity, ProjectionGenerationEntity, RuleSetEntity, ScoreAuditEntity, WriteKeyEntity, ErasureEntity, ApiTokenEntity, OpsAuditEntity];
export { MIGRATIONS };

/** TypeORM owns the schema (migrations, never synchronize) and the admin queries. */
export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 5 },
  });
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
