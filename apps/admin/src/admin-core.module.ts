import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { type Pool } from 'pg';
import type Redis from 'ioredis';
import { type DataSource } from 'typeorm';
import { type LeadscoreConfig, requireAdminToken } from '@leadscore/config';
import { type KafkaClient } from '@leadscore/kafka';
import { ADMIN_TOKEN, DATA_SOURCE, KAFKA, PG_POOL, REDIS } from './admin.tokens';
import { OpsAuditTrail } from './audit/ops-audit.trail';
import { ApiTokenAuthenticator } from './auth/api-token.authenticator';
import { ApiTokenRevocationListener } from './auth/api-token-revocation.listener';
import { ScopeCoverageCheck } from './auth/scope-coverage.check';
import { ScopeGuard } from './auth/scope.guard';
import { RevocationBroadcast } from './shared/revocation.broadcast';

export interface AdminConnections {
  kafka: KafkaClient;
  /** The data source and, sharing its connections, its `pg` pool (`pgPoolOf`). */
  dataSource: DataSource;
  pool: Pool;
  redis: Redis;
}

/** Closes the data source (and so the pool) when the app stops: after every feature module's hook, this module being global. */
@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * What every admin feature module injects: the connections, the audit trail, the revocation
 * broadcast; and the one guard of every route (a token and the route's declared scope), with the
 * start-up check that each has one.
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
        { provide: DATA_SOURCE, useValue: connections.dataSource },
        { provide: PG_POOL, useValue: connections.pool },
        DataSourceCloser,
        { provide: REDIS, useValue: connections.redis },
        { provide: KAFKA, useValue: connections.kafka },
        ApiTokenAuthenticator,
        ApiTokenRevocationListener,
        ScopeCoverageCheck,
        { provide: APP_GUARD, useClass: ScopeGuard },
        OpsAuditTrail,
        RevocationBroadcast,
      ],
      exports: [ADMIN_TOKEN, DATA_SOURCE, PG_POOL, REDIS, KAFKA, ApiTokenAuthenticator, OpsAuditTrail, RevocationBroadcast],
    };
  }
}
