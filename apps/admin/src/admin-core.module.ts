import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { type Pool } from 'pg';
import type Redis from 'ioredis';
import { type LeadscoreConfig, requireAdminToken } from '@leadscore/config';
import { type KafkaClient } from '@leadscore/kafka';
import { ADMIN_TOKEN, KAFKA, PG_POOL, REDIS } from './admin.tokens';
import { OpsAuditTrail } from './audit/ops-audit.trail';
import { ApiTokenAuthenticator } from './auth/api-token.authenticator';
import { ApiTokenRevocationListener } from './auth/api-token-revocation.listener';
import { ScopeCoverageCheck } from './auth/scope-coverage.check';
import { ScopeGuard } from './auth/scope.guard';

export interface AdminConnections {
  kafka: KafkaClient;
  pool: Pool;
  redis: Redis;
}

/**
 * What every admin feature module injects: the connections, the audit trail; and the one guard of
 * every route (a token and the route's declared scope), with the start-up check that each has one.
 */
@Global()
@Module({})
export class AdminCoreModule {
  static forRoot(config: LeadscoreConfig, connections: AdminConnections): DynamicModule {
    return {
      module: AdminCoreModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: ADMIN_TOKEN, useValue: requireAdminToken(config) },
        { provide: PG_POOL, useValue: connections.pool },
        { provide: REDIS, useValue: connections.redis },
        { provide: KAFKA, useValue: connections.kafka },
        ApiTokenAuthenticator,
        ApiTokenRevocationListener,
        ScopeCoverageCheck,
        { provide: APP_GUARD, useClass: ScopeGuard },
        OpsAuditTrail,
      ],
      exports: [ADMIN_TOKEN, PG_POOL, REDIS, KAFKA, ApiTokenAuthenticator, OpsAuditTrail],
    };
  }
}
