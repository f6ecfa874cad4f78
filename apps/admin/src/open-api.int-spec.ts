import { type OpenAPIObject } from '@nestjs/swagger';
import { topicName } from '@leadscore/contracts';
import { documentCoverage, registeredRoutes } from '@leadscore/http';
import { createKafkaClient, ensureTopics } from '@leadscore/kafka';
import { JsonLogger } from '@leadscore/observability';
import { exampleRequests } from '@test/support/open-api-examples';
import { testEnv } from '@test/setup/test-env';
import { type AdminTestApp, startAdminApp } from './rules/testing/start-admin-app';

describe('ops API OpenAPI document (GET /openapi.json, GET /docs)', () => {
  let admin: AdminTestApp;
  let document: OpenAPIObject;
  const namespace = `t-openapi-admin-${Date.now().toString(36)}`;

  beforeAll(async () => {
    const kafka = createKafkaClient({ brokers: testEnv().kafkaBrokers.split(','), clientId: 'openapi-admin', logger: new JsonLogger('it', 'error', () => undefined) });
    await ensureTopics(kafka, [topicName(namespace, 'leadEvents'), topicName(namespace, 'leadEventsDlq')], 1);
    // The routing example's webhooks are local addresses.
    admin = await startAdminApp({ database: 'leadscore_int_admin_openapi', namespace, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    const response = await admin.call('GET', '/openapi.json', { token: null });
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenAPIObject;
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('is OpenAPI 3.1, served without the token, and documents every route the running app serves', () => {
    expect(document.openapi).toBe('3.1.0');
    const routes = registeredRoutes(admin.app.getHttpAdapter().getInstance());
    expect(routes.length).toBeGreaterThan(25);
    expect(documentCoverage(routes, document)).toEqual([]);
    expect(document.paths['/v1/leads/{leadId}/timeline'].get?.security).toEqual([{ admin: [] }]);
  });

  it('describes the handoff webhook, its body and its Standard Webhooks signature headers, as webhooks', () => {
    const webhook = document.webhooks?.['lead.promoted'] as { post: { parameters: Array<{ name: string }>; requestBody: unknown } };
    expect(webhook.post.parameters.map((parameter) => parameter.name)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(JSON.stringify(webhook.post.requestBody)).toContain('"enum":["lead.mql","lead.sql"]');
  });

  it('accepts every example of the document when it is sent to the running app (the ones naming a version or a team after the ones that make them)', async () => {
    const pathParameters = (url: string) => (url.match(/%|\/\d+\/|enterprise|jane/g) ?? []).length;
    const requests = exampleRequests(document).sort((a, b) => pathParameters(a.url) - pathParameters(b.url) || Number(b.url === '/v1/rules') - Number(a.url === '/v1/rules'));
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual(expect.arrayContaining(['POST /v1/rules', 'PUT /v1/routing', 'POST /v1/rules/1/activate', 'POST /v1/routing/teams/enterprise/rotate-secret', 'POST /v1/leads/jane%40acme.test/feedback', 'POST /v1/sources', 'POST /v1/replay']));
    for (const request of requests) {
      const response = await admin.call(request.method, request.url, { body: request.body, contentType: request.contentType });
      expect({ name: request.name, status: response.status, body: response.status >= 300 ? await response.text() : '' }).toEqual({ name: request.name, status: response.status < 300 ? response.status : 'a 2xx', body: '' });
    }
  });

  it('renders it at /docs', async () => {
    const page = await admin.call('GET', '/docs', { token: null });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('docs/swagger-ui-bundle.js');
  });
});
