import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { isSegmentPath } from './segment-path';

/**
 * Every error answer on a Segment route carries `"success": false`, also the ones that never
 * reach the route's filter: Fastify's own (a body that is not JSON, an unknown content type,
 * over the body limit), a 404, a refusal before authentication. The SDKs read it.
 */
export function addSegmentErrorBody(app: NestFastifyApplication): void {
  app.getHttpAdapter().getInstance().addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode < 400 || typeof payload !== 'string' || !isSegmentPath(request.url)) return payload;
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('application/json')) return payload;
    try {
      const body = JSON.parse(payload) as unknown;
      if (typeof body !== 'object' || body === null || Array.isArray(body) || (body as { success?: unknown }).success === false) return payload;
      return JSON.stringify({ success: false, ...(body as Record<string, unknown>) });
    } catch {
      return payload;
    }
  });
}
