import { type Type } from '@nestjs/common';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import type Redis from 'ioredis';
import { type Pool } from 'pg';
import { loadConfig } from '@leadscore/config';
import { bootstrapHttpApp } from '@leadscore/http';
import { createKafkaClient } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createDataSource, createRedis, migrate, pgPoolOf } from '@leadscore/persistence';
import { freshDatabase } from '@test/support/test-database';
import { testEnv } from '@test/setup/test-env';
import { ADMIN_POOL_SIZE, AdminModule } from '../../admin.module';
import { ADMIN_OPEN_API } from '../../admin.open-api';
import { RULE_SET_YAML_TYPES } from '../rule-set-body';

export const ADMIN_TEST_TOKEN = 'admin-token-for-tests';

class AdminWithExtras {}

export interface AdminTestApp {
  app: NestFastifyApplication;
  url: string;
  pool: Pool;
  redis: Redis;
  databaseUrl: string;
  close(): Promise<void>;
  /** A request with the admin token (or `token: null` for none). */
  call(method: string, path: string, options?: { body?: string; contentType?: string; token?: string | null; headers?: Record<string, string> }): Promise<Response>;
}

/**
 * The admin app in-process on a free port, against a database of its own (or `databaseUrl`,
 * already migrated) and the given namespace — as main.ts runs it for rule sets (YAML text, raw JSON).
 */
export async function startAdminApp(options: {
  database?: string;
  databaseUrl?: string;
  namespace?: string;
  /** Called with each route Fastify registers (method and URL pattern), e.g. to enumerate them. */
  onRoute?: (method: string, url: string) => void;
  /** Controllers added beside the app's own (a test of what the app does with a route it does not know). */
  extraControllers?: Array<Type<unknown>>;
  /** Another broker list than the shared one (e.g. a closed port: Kafka unreachable). */
  kafkaBrokers?: string;
  /** More environment for the app's configuration (e.g. WEBHOOK_ALLOW_PRIVATE for the OpenAPI examples). */
  env?: Record<string, string>;
}): Promise<AdminTestApp> {
  const env = testEnv();
  const databaseUrl = options.databaseUrl ?? (await freshDatabase(env.databaseUrl, options.database ?? 'leadscore_int_admin_rules'));
  const dataSource = createDataSource(databaseUrl, { poolSize: ADMIN_POOL_SIZE });
  await dataSource.initialize();
  if (!options.databaseUrl) await migrate(dataSource);
  const config = loadConfig({
    DATABASE_URL: databaseUrl, KAFKA_BROKERS: options.kafkaBrokers ?? env.kafkaBrokers, REDIS_URL: env.redisUrl, ADMIN_TOKEN: ADMIN_TEST_TOKEN,
    LEADSCORE_NAMESPACE: options.namespace ?? '', ...options.env,
  });
  const logger = new JsonLogger('admin-test', 'error');
  const pool = pgPoolOf(dataSource);
  const redis = createRedis(env.redisUrl);
  const adminModule = AdminModule.forRoot({
    config, logger, metrics: new Metrics('admin-test'), kafka: createKafkaClient({ brokers: config.kafkaBrokers, clientId: 'admin-test', logger }), dataSource, redis,
  });
  const app = await bootstrapHttpApp({
    module: options.extraControllers ? { module: AdminWithExtras, imports: [adminModule], controllers: options.extraControllers } : adminModule,
    logger, port: 0, host: '127.0.0.1', bodyLimitBytes: 1024 * 1024, textBodyTypes: RULE_SET_YAML_TYPES, rawBody: true, openApi: ADMIN_OPEN_API,
    configure: (nest) => {
      const onRoute = options.onRoute;
      if (onRoute) nest.getHttpAdapter().getInstance().addHook('onRoute', (route) => [route.method].flat().forEach((method) => onRoute(method, route.url)));
    },
  }).catch(async (error: unknown) => {
    if (dataSource.isInitialized) await dataSource.destroy();
    redis.disconnect();
    throw error;
  });
  const url = await app.getUrl();
  return {
    app, url, pool, redis, databaseUrl,
    async close() {
      await app.close(); // closes the data source too
      redis.disconnect();
    },
    call(method, path, { body, contentType, token = ADMIN_TEST_TOKEN, headers = {} } = {}) {
      const all: Record<string, string> = { ...headers };
      if (token !== null) all.authorization = `Bearer ${token}`;
      if (contentType) all['content-type'] = contentType;
      return fetch(`${url}${path}`, { method, headers: all, body });
    },
  };
}
