import { type DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConfigModule, type LeadscoreConfig } from '@leadscore/config';
import { topicName } from '@leadscore/contracts';
import { FencedProducer } from '@leadscore/kafka';
import { JsonLogger, type Metrics, ObservabilityModule } from '@leadscore/observability';
import { WriteKeyRepository } from '@leadscore/persistence';
import { WriteKeyRevocationListener } from './auth/write-key-revocation.listener';
import { WriteKeyAdmission } from './auth/write-key-admission';
import { WriteKeyAuthenticator } from './auth/write-key.authenticator';
import { WriteKeyGuard } from './auth/write-key.guard';
import { SourceOriginCheck } from './browsers/source-origin.check';
import { EventAppender } from './events/event-appender';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { KafkaEventLog } from './events/kafka-event-log';
import { IngestConnections } from './ingest.connections';
import { IngestMetrics } from './ingest.metrics';
import { SourceRateLimiter } from './limits/source-rate-limiter';
import { PixelController } from './pixel/pixel.controller';
import { PixelService } from './pixel/pixel.service';
import { SegmentController } from './segment/segment.controller';
import { SegmentErrorFilter } from './segment/segment-error.filter';
import { SegmentWriteKeyGuard } from './segment/segment-write-key.guard';
import { SegmentService } from './segment/segment.service';
import { CLOCK, EVENT_LOG, NEW_EVENT_ID, systemClock, WRITE_KEYS } from './ingest.tokens';

export interface IngestModuleOptions {
  config: LeadscoreConfig;
  logger: JsonLogger;
  metrics: Metrics;
  ingestMetrics: IngestMetrics;
  connections: IngestConnections;
}

/** The ingest HTTP app: health and metrics, `POST /v1/events` and the Segment API behind write-key auth. */
@Module({})
export class IngestModule {
  static forRoot(options: IngestModuleOptions): DynamicModule {
    const { config, connections } = options;
    const leadEvents = topicName(config.namespace, 'leadEvents');
    return {
      module: IngestModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({
          logger: options.logger,
          metrics: options.metrics,
          healthChecks: { useFactory: () => connections.healthChecks() },
        }),
      ],
      controllers: [EventsController, SegmentController, PixelController],
      providers: [
        { provide: IngestConnections, useValue: connections },
        { provide: IngestMetrics, useValue: options.ingestMetrics },
        { provide: CLOCK, useValue: systemClock },
        { provide: NEW_EVENT_ID, useValue: () => randomUUID() },
        { provide: WRITE_KEYS, useValue: new WriteKeyRepository(connections.pool) },
        {
          provide: EVENT_LOG,
          useFactory: (logger: JsonLogger, metrics: IngestMetrics) => {
            const log = new KafkaEventLog({
              producer: new FencedProducer({ brokers: config.kafkaBrokers, clientId: 'leadscore-ingest', logger }),
              topic: leadEvents,
              logger: logger.child('event-log'),
              budgetBytes: config.ingestQueueBudgetBytes,
            });
            metrics.observeQueue(log);
            return log;
          },
          inject: [JsonLogger, IngestMetrics],
        },
        WriteKeyAuthenticator,
        WriteKeyAdmission,
        WriteKeyGuard,
        WriteKeyRevocationListener,
        EventsService,
        EventAppender,
        SourceRateLimiter,
        SourceOriginCheck,
        SegmentWriteKeyGuard,
        SegmentErrorFilter,
        SegmentService,
        PixelService,
      ],
    };
  }
}
