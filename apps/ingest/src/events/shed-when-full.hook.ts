import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { toErrorResponse, Unavailable } from '@leadscore/http';
import { EVENT_LOG } from '../ingest.tokens';
import { type EventLog } from './event-log';

const LOG_FULL = new Unavailable('the event log cannot take events right now; retry later', 1);

/**
 * While the event log is over its byte budget (Kafka down or slow), a POST is answered 503 before
 * its body is read, parsed, authenticated or validated: shedding costs nothing, so the answers
 * still come at once under a flood, and memory holds no bodies that could not be queued anyway.
 */
export function shedWhenLogFull(app: NestFastifyApplication): void {
  const log = app.get<EventLog>(EVENT_LOG);
  const refusal = toErrorResponse(LOG_FULL);
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST') return;
    const declared = Number(request.headers['content-length'] ?? 0);
    if (log.hasRoomFor(Number.isFinite(declared) ? declared : 0)) return;
    await reply.status(refusal.status).headers(refusal.headers).send(refusal.body);
  });
}
