import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type JsonLogger } from '@leadscore/observability';
import { type ErrorResponseOptions, toErrorResponse } from './errors-body';

/**
 * Catches everything a route (or Fastify, before the route) throws and answers with the
 * `{"errors": [...]}` body. Faults of ours are logged with their stack, which never reaches the client
 * (and with the request id: a fault while the body is read happens outside the request's context).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly logger: JsonLogger,
    private readonly options: ErrorResponseOptions = {},
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const response = toErrorResponse(exception, this.options);
    if (response.unexpected) {
      this.logger.child('http').error('request failed', { method: request.method, route: request.routeOptions?.url, requestId: request.id, error: exception });
    }
    if (reply.sent) return;
    void reply.status(response.status).headers(response.headers).send(response.body);
  }
}
