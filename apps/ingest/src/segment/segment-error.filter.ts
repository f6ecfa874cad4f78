import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { toErrorResponse } from '@leadscore/http';
import { JsonLogger } from '@leadscore/observability';
import { MAX_BODY_BYTES } from '../ingest.limits';

/**
 * The error answers of the Segment routes: the house body plus `"success": false`, as Segment's
 * API answers (docs/events.md), and CORS open so that analytics.js in a browser
 * can read them.
 */
@Catch()
export class SegmentErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const response = toErrorResponse(exception, { bodyLimitBytes: MAX_BODY_BYTES });
    if (response.unexpected) {
      this.logger.child('segment').error('request failed', { method: request.method, route: request.routeOptions?.url, requestId: request.id, error: exception });
    }
    if (reply.sent) return;
    void reply
      .status(response.status)
      .headers({ ...response.headers, 'access-control-allow-origin': '*' })
      .send({ success: false, ...response.body });
  }
}
