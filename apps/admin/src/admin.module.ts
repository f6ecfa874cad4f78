import { type DynamicModule, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { type DataSource } from 'typeorm';
import { ConfigModule, type LeadscoreConfig } from '@leadscore/config';
import { type KafkaClient, KafkaHealthCheck } from '@leadscore/kafka';
import { type JsonLogger, type Metrics, ObservabilityModule } from '@leadscore/observability';
import { pgPoolOf, postgresHealthCheck, redisHealthCheck } from '@leadscore/persistence';
import { AdminCoreModule } from './admin-core.module';
import { LeadsModule } from './leads/leads.module';
import { FeedbackModule } from './feedback/feedback.module';
import { HandoffsModule } from './handoffs/handoffs.module';
import { RoutingModule } from './routing/routing.module';
import { RulesModule } from './rules/rules.module';
import { ReplayModule } from './replay/replay.module';
import { SimulationsModule } from './simulations/simulations.module';
import { ModelsModule } from './models/models.module';
import { SourcesModule } from './sources/sources.module';
import { DlqModule } from './dlq/dlq.module';
import { InsightsModule } from './insights/insights.module';
import { PrivacyModule } from './privacy/privacy.module';
import { TokensModule } from './tokens/tokens.module';
import { AuditModule } from './audit/audit.module';
import { DashboardModule } from './dashboard/dashboard.module';

export interface AdminModuleOptions {
  config: LeadscoreConfig;
  logger: JsonLogger;
  metrics: Metrics;
  kafka: KafkaClient;
  /** Initialized and migrated; the admin's raw queries use its pool, and the app closes it when it stops. */
  dataSource: DataSource;
  redis: Redis;
}

/**
 * Connections of the admin's pool. Its background jobs hold several at once: a replay's main pass
 * 3 (its COPY read stream and two page writers) plus a transaction per half of a catch-up, a
 * simulation's read stream 1, the win-probability leader 1 for as long as it leads and its pass 1,
 * a model training 1 — and the ops API's requests must still find one free while they run.
 */
export const ADMIN_POOL_SIZE = 12;

/** The ops API: one feature module per area (leads, rules, replay, sources, routing, …). */
@Module({})
export class AdminModule {
  static forRoot(options: AdminModuleOptions): DynamicModule {
    const { config, kafka, dataSource, redis } = options;
    const pool = pgPoolOf(dataSource);
    return {
      module: AdminModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({
          logger: options.logger,
          metrics: options.metrics,
          healthChecks: { useFactory: () => [new KafkaHealthCheck(kafka), postgresHealthCheck(pool), redisHealthCheck(redis)] },
        }),
        AdminCoreModule.forRoot(config, { kafka, dataSource, pool, redis }),
        // Feature modules: one line each.
        LeadsModule,
        RoutingModule,
        HandoffsModule,
        FeedbackModule,
        RulesModule,
        ReplayModule,
        SimulationsModule,
        ModelsModule,
        SourcesModule,
        DlqModule,
        InsightsModule,
        PrivacyModule,
        TokensModule,
        AuditModule,
        DashboardModule,
      ],
    };
  }
}
