import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type Pool } from 'pg';
import type Redis from 'ioredis';
import { type Kafka } from 'kafkajs';
import { type LeadscoreConfig, requireAdminToken } from '@leadscore/config';
import { ADMIN_TOKEN, KAFKA, PG_POOL, REDIS } from './admin.tokens';
import { AdminTokenGuard } from './auth/admin-token.guard';

export interface AdminConnections {
  kafka: Kafka;
  pool: Pool;
  redis: Redis;
}

/** What every admin feature module injects: the connections, the admin token and its guard. */
@Global()
@Module({})
export class AdminCoreModule {
  static forRoot(config: LeadscoreConfig, connections: AdminConnections): DynamicModule {
    return {
      module: AdminCoreModule,
      providers: [
        { provide: ADMIN_TOKEN, useValue: requireAdminToken(config) },
        { provide: PG_POOL, useValue: connections.pool },
        { provide: REDIS, useValue: connections.redis },
        { provide: KAFKA, useValue: connections.kafka },
        AdminTokenGuard,
      ],
      exports: [ADMIN_TOKEN, PG_POOL, REDIS, KAFKA, AdminTokenGuard],
    };
  }
}
