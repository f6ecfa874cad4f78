import { type DynamicModule, Module } from '@nestjs/common';
import { type Pool } from 'pg';
import type Redis from 'ioredis';
import { type Kafka } from 'kafkajs';
import { ConfigModule, type LeadscoreConfig, requireAdminToken } from '@leadscore/config';
import { KafkaHealthCheck } from '@leadscore/kafka';
import { type JsonLogger, type Metrics, ObservabilityModule } from '@leadscore/observability';
import { postgresHealthCheck, redisHealthCheck } from '@leadscore/persistence';
import { ADMIN_TOKEN, PG_POOL } from './admin.tokens';
import { AdminTokenGuard } from './auth/admin-token.guard';
import { GetLeadQuery } from './leads/get-lead/get-lead.query';
import { LeadsController } from './leads/leads.controller';

export interface AdminModuleOptions {
  config: LeadscoreConfig;
  logger: JsonLogger;
  metrics: Metrics;
  kafka: Kafka;
  pool: Pool;
  redis: Redis;
}

@Module({})
export class AdminModule {
  static forRoot(options: AdminModuleOptions): DynamicModule {
    const { config, kafka, pool, redis } = options;
    return {
      module: AdminModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({
          logger: options.logger,
          metrics: options.metrics,
          healthChecks: {
            useFactory: () => [
              new KafkaHealthCheck(kafka),
              postgresHealthCheck(pool),
              redisHealthCheck(redis),
            ],
          },
        }),
      ],
      controllers: [LeadsController],
      providers: [
        { provide: ADMIN_TOKEN, useValue: requireAdminToken(config) },
        { provide: PG_POOL, useValue: pool },
        AdminTokenGuard,
        GetLeadQuery,
      ],
    };
  }
}
