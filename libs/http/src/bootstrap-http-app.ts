import { type IncomingMessage } from 'node:http';
import { type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type CustomTransportStrategy } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Counter } from 'prom-client';
import { type JsonLogger } from '@leadscore/observability';
import { logAccess } from './access-log';
import { countRequests } from './count-requests';
import { HttpExceptionFilter } from './http-exception.filter';
import { buildOpenApi, type OpenApiOptions, recordRoutes, serveOpenApi } from './openapi';
import { bindRequestIds, REQUEST_ID_HEADER, requestIdFor } from './request-id';

export interface HttpAppOptions {
  module: Type<unknown> | DynamicModule;
  logger: JsonLogger;
  /** 0 picks a free port (tests read it back with `app.getUrl()` or `app.getHttpServer().address()`). */
  port: number;
  host?: string;
  /** Larger bodies are refused with a 413 before any handler runs. */
  bodyLimitBytes: number;
  /** Counts every answer, labelled `route` (the pattern) and `status`. */
  requestCounter?: Counter<string>;
  /**
   * Media types (e.g. `application/yaml`, `text/yaml`) whose bodies reach routes as strings, within
   * the same body limit. Other unknown types stay a 415.
   */
  textBodyTypes?: string[];
  /** Keep the JSON body's bytes as `request.rawBody` (a route that stores the text as posted). */
  rawBody?: boolean;
  /** CORS for every route (`@fastify/cors` through Nest's `enableCors`); absent: no CORS headers at all. */
  cors?: CorsOptions;
  /**
   * Proxies (addresses, CIDR ranges) whose X-Forwarded-For sets `request.ip`; none by default,
   * so the client address is the socket's and a forged header changes nothing.
   */
  trustedProxies?: string[];
  /** `GET /openapi.json` and `GET /docs`, the document scanned from the app's controllers (every app serves them). */
  openApi?: OpenApiOptions;
  /** Last touches on the app (Fastify hooks) before it listens. */
  configure?: (app: NestFastifyApplication) => void;
  /**
   * A transport whose `@MessagePattern` handlers are the app's controllers (`connectMicroservice`),
   * started after the app's bootstrap hooks and before it listens; Nest closes it on shutdown.
   */
  microservice?: (app: NestFastifyApplication) => CustomTransportStrategy;
}

export type CorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

/**
 * Longest path parameter (Fastify answers 414 over it; its default, 100, is shorter than a lead
 * id): a 128-character lead id fully percent-encoded is 384, and nothing of ours is longer.
 */
export const MAX_PARAM_LENGTH = 512;

/**
 * A listening Nest app on Fastify, as every Leadscore HTTP app runs it: Nest's lines through the
 * app's logger, a request id per request (X-Request-Id, on its log lines), one access line per
 * request, the one error filter, a body limit, shutdown hooks (SIGTERM closes connections cleanly).
 */
export async function bootstrapHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes,
    // Fastify's own request logging stays off: access-log.ts writes the one line per request.
    logger: false,
    genReqId: (request: IncomingMessage) => requestIdFor(request.headers[REQUEST_ID_HEADER]),
    trustProxy: options.trustedProxies?.length ? options.trustedProxies : false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // As parseUntrustedJson: prototype keys are dropped, so the fields behind them are reported missing on their paths.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
  });
  // Before Nest registers anything: the document test holds every served route against the document.
  recordRoutes(adapter.getInstance());
  // First of all hooks, so that even an early refusal (429, 503 before the body) is answered with its id and logged.
  bindRequestIds(adapter.getInstance());
  logAccess(adapter.getInstance(), options.logger.child('http'));
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    logger: options.logger.forNest(),
    abortOnError: false,
    rawBody: options.rawBody ?? false,
  });
  if (options.cors) app.enableCors(options.cors);
  if (options.textBodyTypes?.length) acceptTextBodies(app, options.textBodyTypes, options.bodyLimitBytes);
  app.useGlobalFilters(new HttpExceptionFilter(options.logger, { bodyLimitBytes: options.bodyLimitBytes }));
  if (options.requestCounter) countRequests(app, options.requestCounter);
  app.enableShutdownHooks();
  const openApi = options.openApi ?? { title: 'Leadscore', description: '' };
  let document: ReturnType<typeof buildOpenApi> | undefined;
  serveOpenApi(app, () => (document ??= buildOpenApi(app, openApi)));
  options.configure?.(app);
  try {
    if (options.microservice) {
      app.connectMicroservice({ strategy: options.microservice(app) });
      await app.init();
      await app.startAllMicroservices();
    }
    await app.listen(options.port, options.host ?? '0.0.0.0');
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

function acceptTextBodies(app: NestFastifyApplication, types: string[], bodyLimit: number): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(types, { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body));
}
