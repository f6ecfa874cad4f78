import 'reflect-metadata';
import { ConfigError, loadConfig } from '@leadscore/config';
import { bootstrapHttpApp } from '@leadscore/http';
import { createKafkaClient, ensureLeadscoreTopics } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createDataSource, createPgPool, createRedis, migrate } from '@leadscore/persistence';
import { ScoringModule } from './scoring.module';
import { LEAD_EVENTS_TRANSPORT } from './scoring.tokens';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new JsonLogger('scoring', config.logLevel);
  const dataSource = createDataSource(config.databaseUrl);
  await dataSource.initialize();
  const applied = await migrate(dataSource);
  await dataSource.destroy();
  if (applied.length) logger.child('main').info('migrations applied', { applied });

  const kafka = createKafkaClient({ brokers: config.kafkaBrokers, clientId: 'leadscore-scoring', logger });
  await ensureLeadscoreTopics(kafka, config, logger);

  await bootstrapHttpApp({
    module: ScoringModule.forRoot({
      config, logger, metrics: new Metrics('scoring'), kafka,
      pool: createPgPool(config.databaseUrl, 5), redis: createRedis(config.redisUrl),
    }),
    logger,
    port: config.scoringHttpPort,
    bodyLimitBytes: 64 * 1024,
    microservice: (app) => app.get(LEAD_EVENTS_TRANSPORT),
    openApi: { title: 'Leadscore scoring worker', description: 'The scoring worker serves only health and metrics (it consumes lead-events; no API of its own). /health/ready is 503 while a partition is stalled.' },
  });
  logger.child('main').info('scoring worker started', { httpPort: config.scoringHttpPort });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(error.message + '\n');
  } else {
    process.stderr.write(JSON.stringify({ level: 'error', app: 'scoring', msg: 'start failed', error: String(error), stack: (error as Error)?.stack }) + '\n');
  }
  process.exit(1);
});
