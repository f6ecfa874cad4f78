import { AsyncLocalStorage } from 'node:async_hooks';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyRequest } from 'fastify';

const arrivals = new WeakMap<FastifyRequest, number>();
const current = new AsyncLocalStorage<number>();

/**
 * When the request being handled arrived (Date.now() ms), or undefined outside one. The event
 * log counts its deadline from there, so that "503 within 5 s" holds from the client's view even
 * when reading, parsing and checking the body took a while (a loaded machine, a slow upload).
 */
export function requestArrivedAt(): number | undefined {
  return current.getStore();
}

/** Stamps each request on arrival and makes the stamp readable from its handler (after the body was parsed). */
export function trackRequestArrival(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => {
    arrivals.set(request, Date.now());
    done();
  });
  // preHandler runs after body parsing, and Fastify calls the route's handler from its `done`.
  fastify.addHook('preHandler', (request, _reply, done) => {
    current.run(arrivals.get(request) ?? Date.now(), done);
  });
}
