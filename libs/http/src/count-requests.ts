import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Counter } from 'prom-client';

/** Counts every answer by route pattern and status; unmatched paths share one label to bound cardinality. */
export function countRequests(app: NestFastifyApplication, counter: Counter<string>): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      counter.inc({ route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
      done();
    });
}
