import { type DynamicModule } from '@nestjs/common';
import { type CustomTransportStrategy } from '@nestjs/microservices';
import { ConfigError, type LeadscoreConfig, loadConfig } from '@leadscore/config';
import { bootstrapHttpApp } from '@leadscore/http';
import { createKafkaClient, ensureLeadscoreTopics } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createDataSource, createPgPool, createRedis, migrate } from '@leadscore/persistence';
import { type WorkerDeps } from './worker-deps';

export interface WorkerApp {
  /** `scoring`, `handoff`: the app name on log lines and metrics; the Kafka client id is `leadscore-<name>`. */
  name: string;
  httpPort: (config: LeadscoreConfig) => number;
  poolSize: number;
  module: (deps: WorkerDeps) => DynamicModule;
  /** The module's provider token of its batch transport, connected as the app's microservice. */
  transport: symbol;
  /** What /docs says the worker serves. */
  description: string;
}

/**
 * Starts a worker as every one starts: config, migrations, topics, then the module with its batch
 * transport and HTTP surface. A failure to start exits 1 (a bad variable by its message alone).
 */
export function runWorker(app: WorkerApp): void {
  startWorker(app).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n');
    } else {
      process.stderr.write(JSON.stringify({ level: 'error', app: app.name, msg: 'start failed', error: String(error), stack: (error as Error)?.stack }) + '\n');
    }
    process.exit(1);
  });
}

async function startWorker(app: WorkerApp): Promise<void> {
  const config = loadConfig();
  const logger = new JsonLogger(app.name, config.logLevel);
  const dataSource = createDataSource(config.databaseUrl);
  await dataSource.initialize();
  const applied = await migrate(dataSource);
  await dataSource.destroy();
  if (applied.length) logger.child('main').info('migrations applied', { applied });

  const kafka = createKafkaClient({ brokers: config.kafkaBrokers, clientId: `leadscore-${app.name}`, logger });
  await ensureLeadscoreTopics(kafka, config, logger);

  const httpPort = app.httpPort(config);
  await bootstrapHttpApp({
    module: app.module({
      config, logger, metrics: new Metrics(app.name), kafka,
      pool: createPgPool(config.databaseUrl, app.poolSize), redis: createRedis(config.redisUrl),
    }),
    logger,
    port: httpPort,
    bodyLimitBytes: 64 * 1024,
    microservice: (nest) => nest.get<CustomTransportStrategy>(app.transport),
    openApi: { title: `Leadscore ${app.name} worker`, description: app.description },
  });
  logger.child('main').info(`${app.name} worker started`, { httpPort });
}
