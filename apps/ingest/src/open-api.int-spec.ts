import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type OpenAPIObject } from '@nestjs/swagger';
import { documentCoverage, registeredRoutes } from '@leadscore/http';
import { exampleRequests } from '@test/support/open-api-examples';
import { type IngestUnderTest, startIngest, until } from './testing/ingest-under-test';

const KEY = 'openapi-ingest-key-0123456789';

describe('ingest OpenAPI document (GET /openapi.json, GET /docs)', () => {
  let ingest: IngestUnderTest;
  let document: OpenAPIObject;

  beforeAll(async () => {
    ingest = await startIngest({ suite: 'openapi-ingest', writeKeys: [KEY] });
    const response = await fetch(`${ingest.url}/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenAPIObject;
  });

  afterAll(async () => {
    await ingest?.close();
  });

  it('is OpenAPI 3.1 and documents every route the running app serves, and none it does not', () => {
    expect(document.openapi).toBe('3.1.0');
    const routes = registeredRoutes(ingest.app.getHttpAdapter().getInstance());
    expect(routes.length).toBeGreaterThan(20);
    expect(documentCoverage(routes, document)).toEqual([]);
  });

  it('describes the native body from the DTO that validates it, with its limits and error bodies', () => {
    const schemas = document.components?.schemas as Record<string, { properties: Record<string, Record<string, unknown>> }>;
    expect(schemas.NativeEventDto.properties.leadId.pattern).toBe('^[A-Za-z0-9._:@+-]{1,128}$');
    expect(schemas.NativeEventDto.properties.eventId.maxLength).toBe(128);
    expect(schemas.NativeEventBatchDto.properties.events.maxItems).toBe(500);
    const native = document.paths['/v1/events'].post;
    expect(Object.keys(native?.responses ?? {}).sort()).toEqual(['202', '400', '401', '403', '413', '415', '429', '503']);
    expect(JSON.stringify(native?.responses['429'])).toContain('Retry-After');
    expect(JSON.stringify(document.paths['/v1/track'].post?.responses['400'])).toContain('SegmentErrorsSchema');
  });

  it('accepts every example of the document when it is sent to the running app', async () => {
    const requests = exampleRequests(document);
    expect(requests.length).toBeGreaterThanOrEqual(10);
    for (const request of requests) {
      const url = request.url.startsWith('/v1/pixel.gif') ? request.url.replace('k=dev-write-key', `k=${KEY}`) : request.url;
      const response = await fetch(`${ingest.url}${url}`, {
        method: request.method,
        headers: { authorization: `Bearer ${KEY}`, ...(request.contentType ? { 'content-type': request.contentType } : {}) },
        body: request.body,
      });
      expect({ name: request.name, status: response.status, body: response.status >= 300 ? await response.text() : '' }).toEqual({ name: request.name, status: expect.any(Number), body: '' });
      expect(response.status).toBeLessThan(300);
    }
    // Accepted means in the log: the native examples' eventIds reached Kafka, and so did the pixel hit.
    await until(() => ['doc-example-1', 'doc-example-2', 'doc-example-3', 'doc-seg-track', 'doc-seg-batch-2'].every((id) => ingest.received.some((message) => message.eventId === id)));
    expect(ingest.received.some((message) => message.type === 'email_open' && message.leadId === 'jane@acme.test')).toBe(true);
  });

  it('renders the document at /docs with Swagger UI served from node_modules, no inline script', async () => {
    const page = await fetch(`${ingest.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/<script>[^<]/);
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${ingest.url}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    const file = readFileSync(join(dirname(require.resolve('swagger-ui-dist/package.json')), 'swagger-ui-bundle.js'));
    expect(Buffer.from(await bundle.arrayBuffer()).equals(file)).toBe(true);
    expect(await (await fetch(`${ingest.url}/docs/docs-init.js`)).text()).toContain("url: 'openapi.json'");
    expect((await fetch(`${ingest.url}/docs/swagger-ui.css`)).status).toBe(200);
  });
});
