import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { HEALTH_CHECKS } from './health-check';
import { HealthController } from './health.controller';
import { JsonLogger } from './logging';
import { Metrics } from './metrics';

export interface ObservabilityOptions {
  logger: JsonLogger;
  metrics: Metrics;
  /** A provider for HEALTH_CHECKS (usually a factory over the app's connections). */
  healthChecks: Omit<Provider, 'provide'> & { useFactory: (...args: never[]) => unknown; inject?: unknown[] };
}

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController],
      providers: [
        { provide: JsonLogger, useValue: options.logger },
        { provide: Metrics, useValue: options.metrics },
        { provide: HEALTH_CHECKS, ...options.healthChecks } as Provider,
      ],
      exports: [JsonLogger, Metrics, HEALTH_CHECKS],
    };
  }
}
