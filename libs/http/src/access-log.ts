import { type FastifyInstance } from 'fastify';
import { type ContextLogger } from '@leadscore/observability';

/** Routes asked every few seconds by probes and scrapers: their lines are debug, so they do not drown the rest. */
const PROBE_ROUTES: ReadonlySet<string> = new Set(['/health/live', '/health/ready', '/metrics']);

export interface AccessRecord {
  method: string;
  /** The route pattern (`/v1/leads/:leadId`), never the URL: paths hold lead ids, queries hold keys. */
  route: string;
  status: number;
  durationMs: number;
  requestId: string;
}

export function accessLevel(route: string): 'debug' | 'info' {
  return PROBE_ROUTES.has(route) ? 'debug' : 'info';
}

/** One line per answered request, written once the answer is out. */
export function logAccess(fastify: FastifyInstance, log: ContextLogger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const record: AccessRecord = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      requestId: request.id,
    };
    log[accessLevel(record.route)]('request', { ...record });
    done();
  });
}
