import 'reflect-metadata';
import { ConfigError, loadConfig } from '@leadscore/config';
import { bootstrapHttpApp } from '@leadscore/http';
import { createKafkaClient, ensureLeadscoreTopics } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createDataSource, createPgPool, createRedis, migrate } from '@leadscore/persistence';
import { HandoffModule } from './handoff.module';
import { LEAD_SCORES_TRANSPORT } from './handoff.tokens';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new JsonLogger('handoff', config.logLevel);
  const dataSource = createDataSource(config.databaseUrl);
  await dataSource.initialize();
  const applied = await migrate(dataSource);
  await dataSource.destroy();
  if (applied.length) logger.child('main').info('migrations applied', { applied });

  const kafka = createKafkaClient({ brokers: config.kafkaBrokers, clientId: 'leadscore-handoff', logger });
  await ensureLeadscoreTopics(kafka, config, logger);

  await bootstrapHttpApp({
    module: HandoffModule.forRoot({
      config, logger, metrics: new Metrics('handoff'), kafka,
      pool: createPgPool(config.databaseUrl, 8), redis: createRedis(config.redisUrl),
    }),
    logger,
    port: config.handoffHttpPort,
    bodyLimitBytes: 64 * 1024,
    microservice: (app) => app.get(LEAD_SCORES_TRANSPORT),
    openApi: { title: 'Leadscore handoff worker', description: 'The handoff worker serves only health and metrics (it consumes lead-scores and delivers webhooks, described in the ops API document under `webhooks`).' },
  });
  logger.child('main').info('handoff worker started', { httpPort: config.handoffHttpPort });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(error.message + '\n');
  } else {
    process.stderr.write(JSON.stringify({ level: 'error', app: 'handoff', msg: 'start failed', error: String(error), stack: (error as Error)?.stack }) + '\n');
  }
  process.exit(1);
});
