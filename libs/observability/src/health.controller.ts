import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { type FastifyReply } from 'fastify';
import { HEALTH_CHECKS, type HealthCheck, runHealthChecks } from './health-check';
import { Metrics } from './metrics';

const READY_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['ok', 'unavailable'] }, checks: { type: 'object', additionalProperties: { type: 'string', description: '`up` or `down: why`' } } },
};

/** `/health/live`, `/health/ready` and `/metrics`: no auth, on every app. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[],
    private readonly metrics: Metrics,
  ) {}

  @Get('health/live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ description: 'Alive', schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiOperation({ summary: 'Readiness: every connection this app needs is up (Kafka, PostgreSQL, Redis; the scoring worker also checks its partitions move)' })
  @ApiOkResponse({ description: 'Ready', schema: READY_SCHEMA })
  @ApiResponse({ status: 503, description: 'Not ready: the failing check is named', schema: READY_SCHEMA })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await runHealthChecks(this.checks);
    if (report.status !== 'ok') void reply.status(503);
    return report;
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format, `leadscore_` prefix)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Metrics in Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): Promise<string> {
    return this.metrics.text();
  }
}
