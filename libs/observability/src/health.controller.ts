import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { HEALTH_CHECKS, type HealthCheck, runHealthChecks } from './health-check';
import { Metrics } from './metrics';

/** `/health/live`, `/health/ready` and `/metrics`: no auth, on every app. */
@Controller()
export class HealthController {
  constructor(
    @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[],
    private readonly metrics: Metrics,
  ) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await runHealthChecks(this.checks);
    if (report.status !== 'ok') void reply.status(503);
    return report;
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): Promise<string> {
    return this.metrics.text();
  }
}
