import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type LeadscoreConfig } from '@leadscore/config';
import { bootstrapHttpApp } from '@leadscore/http';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { INGEST_CORS } from './browsers/ingest-cors.options';
import { IngestConnections } from './ingest.connections';
import { MAX_BODY_BYTES } from './ingest.limits';
import { IngestMetrics } from './ingest.metrics';
import { IngestModule } from './ingest.module';
import { INGEST_OPEN_API } from './ingest.open-api';
import { limitBeforeAuth } from './limits/limit-before-auth.hook';
import { trackRequestArrival } from './events/request-arrival';
import { shedWhenLogFull } from './events/shed-when-full.hook';
import { addSegmentErrorBody } from './segment/segment-error-body.hook';

export { MAX_BODY_BYTES } from './ingest.limits';

export interface IngestAppOptions {
  config: LeadscoreConfig;
  logger?: JsonLogger;
  /** Defaults to INGEST_PORT; tests pass 0 for a free port. */
  port?: number;
  /** Defaults to every interface; tests pass 127.0.0.1. */
  host?: string;
}

/**
 * Opens the connections and starts the HTTP app, listening. It does not need Kafka to be up
 * (requests get 503 until it is); `prepareIngest` has run the start-up tasks before.
 */
export async function createIngestApp(options: IngestAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const logger = options.logger ?? new JsonLogger('ingest', config.logLevel);
  const metrics = new Metrics('ingest');
  const ingestMetrics = new IngestMetrics(metrics);
  const connections = IngestConnections.open(config, logger);
  try {
    return await bootstrapHttpApp({
      module: IngestModule.forRoot({ config, logger, metrics, ingestMetrics, connections }),
      logger,
      port: options.port ?? config.ingestPort,
      host: options.host,
      bodyLimitBytes: MAX_BODY_BYTES,
      requestCounter: ingestMetrics.requests,
      cors: INGEST_CORS,
      trustedProxies: config.ingestTrustedProxies,
      openApi: INGEST_OPEN_API,
      configure: (app) => {
        trackRequestArrival(app);
        limitBeforeAuth(app, { config, metrics: ingestMetrics });
        shedWhenLogFull(app);
        addSegmentErrorBody(app);
      },
    });
  } catch (error) {
    await connections.close();
    throw error;
  }
}
