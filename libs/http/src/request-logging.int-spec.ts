import { Body, Controller, Get, Inject, Module, Post } from '@nestjs/common';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { JsonLogger, Metrics, ObservabilityModule } from '@leadscore/observability';
import { bootstrapHttpApp } from './bootstrap-http-app';

const LINES: string[] = [];
const LOGGER = new JsonLogger('http-test', 'debug', (line) => LINES.push(line));

@Controller('things')
class ThingsController {
  private readonly log;

  constructor(@Inject(JsonLogger) logger: JsonLogger) {
    this.log = logger.child('things');
  }

  // Logs after its body was read: the case where a request context bound on arrival is lost on Fastify.
  @Post()
  async create(@Body() body: { name: string }) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.log.info('thing created', { name: body.name });
    return { ok: true };
  }

  @Get('broken')
  broken() {
    throw new Error('a bug of ours');
  }
}

@Module({
  imports: [ObservabilityModule.forRoot({ logger: LOGGER, metrics: new Metrics('http-test'), healthChecks: { useFactory: () => [] } })],
  controllers: [ThingsController],
})
class ThingsModule {}

function slowBody(...parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async start(controller) {
      for (const part of parts) {
        controller.enqueue(new TextEncoder().encode(part));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      controller.close();
    },
  });
}

type Line = Record<string, unknown>;
const records = (): Line[] => LINES.map((line) => JSON.parse(line) as Line);
const accessLineOf = (requestId: string | null) => records().find((line) => line.msg === 'request' && line.requestId === requestId);

describe('request ids and access lines (bootstrapHttpApp, a real Fastify server)', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    app = await bootstrapHttpApp({ module: ThingsModule, logger: LOGGER, port: 0, host: '127.0.0.1', bodyLimitBytes: 64 * 1024 });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  // The body's second half comes 50 ms after the headers, as a slow upload's would: the handler
  // then runs from the socket's read, outside whatever context was entered on arrival.
  const post = (headers: Record<string, string> = {}) =>
    fetch(`${url}/things`, { method: 'POST', body: slowBody('{"name":', '"kettle"}'), duplex: 'half', headers: { 'content-type': 'application/json', ...headers } });

  it('answers a new id in X-Request-Id and puts it on the handler’s lines (after the body was read) and on one access line', async () => {
    const response = await post();
    expect(response.status).toBe(201);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(records().filter((line) => line.msg === 'thing created').map((line) => line.requestId)).toEqual([requestId]);
    expect(records().filter((line) => line.msg === 'request' && line.requestId === requestId)).toEqual([
      expect.objectContaining({ level: 'info', app: 'http-test', context: 'http', method: 'POST', route: '/things', status: 201, durationMs: expect.any(Number) }),
    ]);
  });

  it('keeps a safe inbound X-Request-Id and replaces an unsafe one', async () => {
    const kept = await post({ 'x-request-id': 'edge-proxy-7f3a' });
    expect(kept.headers.get('x-request-id')).toBe('edge-proxy-7f3a');
    const replaced = await post({ 'x-request-id': 'x"}{"level":"fatal' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(LINES.join('\n')).not.toContain('fatal');
  });

  it('answers errors and unknown routes with their id, and logs the route pattern or `unmatched`', async () => {
    const broken = await fetch(`${url}/things/broken`);
    expect(broken.status).toBe(500);
    const brokenId = broken.headers.get('x-request-id');
    expect(records().find((line) => line.msg === 'request failed')).toMatchObject({ level: 'error', requestId: brokenId, error: { message: 'a bug of ours' } });
    expect(accessLineOf(brokenId)).toMatchObject({ route: '/things/broken', status: 500 });

    const unknown = await fetch(`${url}/nowhere/lead-secret-id?k=key`);
    expect(unknown.status).toBe(404);
    expect(accessLineOf(unknown.headers.get('x-request-id'))).toMatchObject({ route: 'unmatched', status: 404 });
    expect(LINES.join('\n')).not.toContain('lead-secret-id');
  });

  it('writes the probes’ access lines at debug', async () => {
    const live = await fetch(`${url}/health/live`);
    const metrics = await fetch(`${url}/metrics`);
    expect(accessLineOf(live.headers.get('x-request-id'))).toMatchObject({ level: 'debug', route: '/health/live', status: 200 });
    expect(accessLineOf(metrics.headers.get('x-request-id'))).toMatchObject({ level: 'debug', route: '/metrics' });
  });

  it("sends Nest's own start-up lines through the same logger", () => {
    expect(records().find((line) => line.context === 'RoutesResolver' || line.context === 'RouterExplorer')).toMatchObject({ level: 'info', app: 'http-test' });
  });
});
