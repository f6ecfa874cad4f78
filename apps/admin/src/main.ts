import 'reflect-metadata';
import { ConfigError, loadConfig, requireAdminToken } from '@leadscore/config';
import { createKafkaClient } from '@leadscore/kafka';
import { bootstrapHttpApp } from '@leadscore/http';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createDataSource, createRedis, migrate } from '@leadscore/persistence';
import { ADMIN_POOL_SIZE, AdminModule } from './admin.module';
import { ADMIN_OPEN_API } from './admin.open-api';
import { RULE_SET_YAML_TYPES } from './rules/rule-set-body';

async function main(): Promise<void> {
  const config = loadConfig();
  requireAdminToken(config);
  const logger = new JsonLogger('admin', config.logLevel);
  const dataSource = createDataSource(config.databaseUrl, { poolSize: ADMIN_POOL_SIZE });
  await dataSource.initialize();
  await migrate(dataSource);
  const metrics = new Metrics('admin');
  const kafka = createKafkaClient({ brokers: config.kafkaBrokers, clientId: 'leadscore-admin', logger });
  await bootstrapHttpApp({
    module: AdminModule.forRoot({ config, logger, metrics, kafka, dataSource, redis: createRedis(config.redisUrl) }),
    logger,
    port: config.adminPort,
    bodyLimitBytes: 1024 * 1024,
    // Rule sets are stored as posted: YAML arrives as text, JSON keeps its raw bytes.
    textBodyTypes: RULE_SET_YAML_TYPES,
    rawBody: true,
    openApi: ADMIN_OPEN_API,
    requestCounter: metrics.counter('admin_requests_total', 'Ops API answers by route and status', ['route', 'status']),
  });
  logger.child('main').info('admin started', { port: config.adminPort });
}

main().catch((error: unknown) => {
  process.stderr.write((error instanceof ConfigError ? error.message : JSON.stringify({ level: 'error', app: 'admin', msg: 'start failed', error: String(error) })) + '\n');
  process.exit(1);
});
