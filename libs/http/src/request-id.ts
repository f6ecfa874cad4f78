import { randomUUID } from 'node:crypto';
import { type FastifyInstance } from 'fastify';
import { runInRequest } from '@leadscore/observability';

/** Asked and answered on every request; the same id is on the request's log lines and its Kafka messages. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What an inbound X-Request-Id may be to be kept: a short token (it comes from the public, and lands in logs and Kafka headers). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The caller's X-Request-Id when it is a safe token (a proxy's or a client's correlation id), else a new UUID. */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Answers the request id in X-Request-Id (errors and early refusals included) and makes it the
 * current request for logging (`currentRequestId`) from arrival on: Fastify (5) runs body parsing
 * in the async context it started from, so the handler is still inside it, however slow the upload.
 */
export function bindRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    runInRequest(request.id, done);
  });
}
