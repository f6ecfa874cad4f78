import { type LeadscoreConfig } from '@leadscore/config';
import { createKafkaClient, ensureLeadscoreTopics } from '@leadscore/kafka';
import { type JsonLogger } from '@leadscore/observability';
import { createDataSource, createPgPool, migrate, WriteKeyRepository } from '@leadscore/persistence';

/**
 * Start-up tasks, before the app serves: the schema is migrated, the development write keys are
 * stored, the topics exist. Each is idempotent, so any number of instances may run them at once.
 */
export async function prepareIngest(config: LeadscoreConfig, logger: JsonLogger): Promise<void> {
  const log = logger.child('start-up');
  const dataSource = createDataSource(config.databaseUrl);
  await dataSource.initialize();
  try {
    const applied = await migrate(dataSource);
    if (applied.length > 0) log.info('migrations applied', { applied });
  } finally {
    await dataSource.destroy();
  }

  const { keys, refused } = writeKeysToSeed(config);
  if (refused) log.warn('INGEST_WRITE_KEYS holds the admin token: it is not stored as a write key');
  const pool = createPgPool(config.databaseUrl, 1);
  try {
    const seeded = await new WriteKeyRepository(pool).seed(keys);
    if (seeded > 0) log.info('development write keys stored', { count: seeded });
  } finally {
    await pool.end();
  }

  const kafka = createKafkaClient({ brokers: config.kafkaBrokers, clientId: 'leadscore-ingest', logger });
  await ensureLeadscoreTopics(kafka, config, logger);
}

/** The admin token is never a write key, even when listed in INGEST_WRITE_KEYS by mistake. */
export function writeKeysToSeed(config: LeadscoreConfig): { keys: string[]; refused: boolean } {
  const keys = config.ingestWriteKeys.filter((key) => key !== config.adminToken);
  return { keys, refused: keys.length !== config.ingestWriteKeys.length };
}
