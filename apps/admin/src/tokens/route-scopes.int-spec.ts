import { OPS_SCOPES, type OpsScope } from '@leadscore/contracts';
import { ADMIN_TEST_TOKEN } from '../rules/testing/start-admin-app';
import { type OpsFixture, RULES_YAML, startOpsFixture } from './testing/ops-fixture';

jest.setTimeout(120_000);

interface RouteCase {
  scope: OpsScope | 'public';
  /** The concrete call, given the fixture (ids it made). */
  path: (f: OpsFixture) => string;
  body?: (f: OpsFixture) => string;
  contentType?: string;
}

const JSON_TYPE = 'application/json';

/**
 * Every route of the ops API and the one scope it needs. A route registered without an entry here
 * fails the first test, so a new route cannot ship without deciding its scope.
 */
const ROUTES: Record<string, RouteCase> = {
  'GET /health/live': { scope: 'public', path: () => '/health/live' },
  'GET /health/ready': { scope: 'public', path: () => '/health/ready' },
  'GET /metrics': { scope: 'public', path: () => '/metrics' },
  'GET /': { scope: 'public', path: () => '/' },
  'GET /assets/:file': { scope: 'public', path: () => '/assets/none.js' },
  'GET /v1/leads': { scope: 'leads:read', path: () => '/v1/leads' },
  'GET /v1/leads/:leadId': { scope: 'leads:read', path: () => '/v1/leads/lead-1' },
  'GET /v1/leads/:leadId/timeline': { scope: 'leads:read', path: () => '/v1/leads/lead-1/timeline' },
  'GET /v1/handoffs': { scope: 'leads:read', path: () => '/v1/handoffs' },
  'POST /v1/handoffs/:id/redeliver': { scope: 'routing:write', path: (f) => `/v1/handoffs/${f.handoffId}/redeliver` },
  'POST /v1/leads/:leadId/feedback': { scope: 'feedback:write', path: () => '/v1/leads/lead-1/feedback', body: () => JSON.stringify({ action: 'accept' }), contentType: JSON_TYPE },
  'POST /v1/rules': { scope: 'rules:write', path: () => '/v1/rules', body: () => RULES_YAML, contentType: 'application/yaml' },
  'POST /v1/rules/validate': { scope: 'rules:write', path: () => '/v1/rules/validate', body: () => RULES_YAML, contentType: 'application/yaml' },
  'GET /v1/rules': { scope: 'rules:write', path: () => '/v1/rules' },
  'GET /v1/rules/:version': { scope: 'rules:write', path: (f) => `/v1/rules/${f.ruleVersion}` },
  'POST /v1/rules/:version/activate': { scope: 'rules:activate', path: (f) => `/v1/rules/${f.ruleVersion}/activate`, body: () => '{}', contentType: JSON_TYPE },
  'POST /v1/rules/:version/simulate': { scope: 'rules:write', path: (f) => `/v1/rules/${f.ruleVersion}/simulate` },
  'GET /v1/simulations/:simulationId': { scope: 'rules:write', path: () => '/v1/simulations/00000000-0000-4000-8000-000000000000' },
  'GET /v1/simulations/:simulationId/leads': { scope: 'rules:write', path: () => '/v1/simulations/00000000-0000-4000-8000-000000000000/leads' },
  'POST /v1/models': { scope: 'rules:write', path: () => '/v1/models', body: () => JSON.stringify({ from: '2026-01-01', to: '2026-12-01' }), contentType: JSON_TYPE },
  'GET /v1/models': { scope: 'rules:write', path: () => '/v1/models' },
  'GET /v1/models/:modelId': { scope: 'rules:write', path: () => '/v1/models/00000000-0000-4000-8000-000000000000' },
  'POST /v1/models/:modelId/activate': { scope: 'rules:activate', path: () => '/v1/models/00000000-0000-4000-8000-000000000000/activate' },
  'POST /v1/replay': { scope: 'rules:activate', path: () => '/v1/replay', body: (f) => JSON.stringify({ rulesVersion: f.ruleVersion }), contentType: JSON_TYPE },
  'GET /v1/replay/:replayId': { scope: 'rules:activate', path: () => '/v1/replay/00000000-0000-4000-8000-000000000000' },
  'PUT /v1/routing': {
    scope: 'routing:write', path: () => '/v1/routing', contentType: JSON_TYPE,
    body: (f) => JSON.stringify({ teams: [{ id: f.teamId, members: ['ann', 'bob'], webhook: { url: 'http://93.184.216.34/hook' } }] }),
  },
  'GET /v1/routing': { scope: 'routing:write', path: () => '/v1/routing' },
  'POST /v1/routing/teams/:teamId/rotate-secret': { scope: 'routing:write', path: (f) => `/v1/routing/teams/${f.teamId}/rotate-secret` },
  'POST /v1/sources': { scope: 'sources:write', path: () => '/v1/sources', body: () => JSON.stringify({ name: 'landing page' }), contentType: JSON_TYPE },
  'GET /v1/sources': { scope: 'sources:write', path: () => '/v1/sources' },
  'PATCH /v1/sources/:id': { scope: 'sources:write', path: () => `/v1/sources/${sourceToChange}`, body: () => JSON.stringify({ allowedOrigins: ['https://www.example.com'] }), contentType: JSON_TYPE },
  'DELETE /v1/sources/:id': { scope: 'sources:write', path: () => `/v1/sources/${sourceToRevoke}` },
  'GET /v1/dlq': { scope: 'dlq:write', path: () => '/v1/dlq' },
  'POST /v1/dlq/redrive': { scope: 'dlq:write', path: () => '/v1/dlq/redrive', body: () => JSON.stringify({ all: true }), contentType: JSON_TYPE },
  'POST /v1/tokens': { scope: 'tokens:admin', path: () => '/v1/tokens', body: () => JSON.stringify({ name: 'bi tool', scopes: ['insights:read'] }), contentType: JSON_TYPE },
  'GET /v1/tokens': { scope: 'tokens:admin', path: () => '/v1/tokens' },
  'DELETE /v1/tokens/:id': { scope: 'tokens:admin', path: () => `/v1/tokens/${tokenToRevoke}` },
  'GET /v1/audit': { scope: 'tokens:admin', path: () => '/v1/audit' },
  'GET /v1/insights': { scope: 'insights:read', path: () => '/v1/insights?from=2026-01-01&to=2026-12-01' },
  'GET /v1/insights/thresholds': { scope: 'insights:read', path: () => '/v1/insights/thresholds?from=2026-01-01&to=2026-12-01' },
  'GET /v1/insights/costs': { scope: 'insights:read', path: () => '/v1/insights/costs' },
  'PUT /v1/insights/costs/:source': {
    scope: 'sources:write', path: () => '/v1/insights/costs/newsletter', contentType: JSON_TYPE,
    body: () => JSON.stringify({ month: '2026-11', amount: 120.5, currency: 'EUR' }),
  },
  'GET /v1/leads/:leadId/export': { scope: 'privacy:write', path: () => '/v1/leads/lead-1/export' },
  'DELETE /v1/leads/:leadId': { scope: 'privacy:write', path: () => '/v1/leads/erase-me-1' },
  'GET /v1/erasures/:erasureId': { scope: 'privacy:write', path: () => '/v1/erasures/00000000-0000-4000-8000-000000000000' },
};

let sourceToChange = '';
let sourceToRevoke = '';
let tokenToRevoke = '';

describe('every ops route needs its one scope (real PostgreSQL, Redis, Kafka)', () => {
  const registered = new Set<string>();
  let fixture: OpsFixture;
  const only = new Map<OpsScope, string>();
  const allBut = new Map<OpsScope, string>();

  beforeAll(async () => {
    fixture = await startOpsFixture('admin-route-scopes', (method, url) => {
      if (method !== 'HEAD' && method !== 'OPTIONS') registered.add(`${method} ${url}`);
    });
    for (const scope of OPS_SCOPES) {
      only.set(scope, (await fixture.token(`only ${scope}`, [scope])).token);
      allBut.set(scope, (await fixture.token(`all but ${scope}`, OPS_SCOPES.filter((other) => other !== scope))).token);
    }
    const source = (name: string) => fixture.admin.call('POST', '/v1/sources', { body: JSON.stringify({ name }), contentType: JSON_TYPE }).then((r) => fixture.json<{ id: string }>(r));
    sourceToChange = (await source('to change')).id;
    sourceToRevoke = (await source('to revoke')).id;
    tokenToRevoke = (await fixture.token('to revoke', ['leads:read'])).id;
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('has a scope in the table for every route the app registers, and no entry for a route it does not', () => {
    expect([...registered].filter((route) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !registered.has(route))).toEqual([]);
  });

  const scoped = Object.entries(ROUTES).filter((entry): entry is [string, RouteCase & { scope: OpsScope }] => entry[1].scope !== 'public');

  it.each(scoped)('%s: a token with every other scope gets 403 naming the scope, one with only it gets through', async (route, entry) => {
    const method = route.split(' ')[0];
    const call = (token: string) => fixture.admin.call(method, entry.path(fixture), { token, body: entry.body?.(fixture), contentType: entry.contentType });
    const refused = await call(allBut.get(entry.scope)!);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ errors: [{ path: 'scope', message: `missing scope "${entry.scope}"` }] });
    const allowed = await call(only.get(entry.scope)!);
    expect({ route, status: allowed.status }).toEqual({ route, status: expect.any(Number) });
    expect([401, 403]).not.toContain(allowed.status);
    expect(allowed.status).toBeLessThan(500);
  });

  it.each(Object.entries(ROUTES).filter(([, entry]) => entry.scope === 'public'))('%s answers without a token', async (route, entry) => {
    const response = await fixture.admin.call(route.split(' ')[0], entry.path(fixture), { token: null });
    expect([401, 403]).not.toContain(response.status);
  });

  it('opens every route with ADMIN_TOKEN, the bootstrap token with every scope', async () => {
    for (const path of ['/v1/leads', '/v1/tokens', '/v1/audit', '/v1/dlq', '/v1/routing']) {
      expect({ path, status: (await fixture.admin.call('GET', path, { token: ADMIN_TEST_TOKEN })).status }).toEqual({ path, status: 200 });
    }
  });

  it('refuses a write key, an unknown token and no token with 401 on every scoped route', async () => {
    for (const [route, entry] of scoped) {
      const method = route.split(' ')[0];
      for (const token of [fixture.writeKey, 'lst_not-a-token', null]) {
        const response = await fixture.admin.call(method, entry.path(fixture), { token, body: entry.body?.(fixture), contentType: entry.contentType });
        expect({ route, status: response.status }).toEqual({ route, status: 401 });
      }
    }
  });

  it('never shows a token again after its creation, nor its hash', async () => {
    const created = await fixture.token('shown once', ['leads:read']);
    const listed = await fixture.json<{ items: Array<Record<string, unknown>> }>(await fixture.admin.call('GET', '/v1/tokens'));
    const item = listed.items.find((token) => token.id === created.id);
    expect(item).toMatchObject({ name: 'shown once', scopes: ['leads:read'], tokenPrefix: created.token.slice(0, 8), revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const { rows } = await fixture.admin.pool.query<Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = $1', [created.id]);
    expect(JSON.stringify(rows[0])).not.toContain(created.token);
  });
});
