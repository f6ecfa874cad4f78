import { type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Counter } from 'prom-client';
import { type JsonLogger } from '@leadscore/observability';
import { countRequests } from './count-requests';
import { HttpExceptionFilter } from './http-exception.filter';

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
}

/**
 * A listening Nest app on Fastify, as every Leadscore HTTP app runs it: the JSON logger, the one
 * error filter, a body limit, shutdown hooks (SIGTERM closes connections cleanly).
 */
export async function bootstrapHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.bodyLimitBytes, logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    logger: options.logger,
    abortOnError: false,
  });
  app.useGlobalFilters(new HttpExceptionFilter(options.logger, { bodyLimitBytes: options.bodyLimitBytes }));
  if (options.requestCounter) countRequests(app, options.requestCounter);
  app.enableShutdownHooks();
  try {
    await app.listen(options.port, options.host ?? '0.0.0.0');
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
