import { OPS_SCOPES } from '@leadscore/contracts';
import { FEATURE_SPEC_VERSION } from '@leadscore/learning';
import { type OpsFixture, RULES_YAML, startOpsFixture } from '../tokens/testing/ops-fixture';
import { AUDIT_KINDS } from './audit-kinds';

jest.setTimeout(120_000);

const JSON_TYPE = 'application/json';

interface AuditItem { id: string; at: string; tokenId: string; tokenName: string; requestId: string; kind: string; details: Record<string, unknown> }

describe('the ops audit log (real PostgreSQL, Redis, Kafka)', () => {
  let fixture: OpsFixture;
  let ops: { id: string; token: string };
  let clumsy: { id: string; token: string };
  /** Every secret the changes below showed once: none may reach the log. */
  const secrets: string[] = [];
  /** The x-request-id of each change, by kind. */
  const requestIds = new Map<string, string>();

  async function change(kind: string, method: string, path: string, body?: string, contentType = JSON_TYPE): Promise<Response> {
    const response = await fixture.admin.call(method, path, { token: ops.token, body, contentType: body === undefined ? undefined : contentType });
    expect({ kind, status: response.status }).toEqual({ kind, status: expect.any(Number) });
    expect(response.status).toBeLessThan(300);
    requestIds.set(kind, response.headers.get('x-request-id') ?? '');
    return response;
  }

  const audit = async (query = ''): Promise<{ items: AuditItem[]; nextCursor: string | null }> => {
    const response = await fixture.admin.call('GET', `/v1/audit${query}`);
    expect(response.status).toBe(200);
    return fixture.json(response);
  };

  beforeAll(async () => {
    fixture = await startOpsFixture('admin-ops-audit');
    ops = await fixture.token('ops person', OPS_SCOPES);
    clumsy = await fixture.token('clumsy', OPS_SCOPES);
    secrets.push(ops.token, clumsy.token, fixture.writeKey);

    const rule = await fixture.json<{ version: number }>(await change('rule_set.created', 'POST', '/v1/rules', RULES_YAML, 'application/yaml'));
    await change('rule_set.activated', 'POST', `/v1/rules/${rule.version}/activate`, '{}');
    await change('replay.started', 'POST', '/v1/replay', JSON.stringify({ rulesVersion: rule.version }));
    await change('simulation.started', 'POST', `/v1/rules/${rule.version}/simulate`);
    await change('model.training_started', 'POST', '/v1/models', JSON.stringify({ from: '2026-01-01', to: '2026-12-01' }));
    // A done model as a training leaves one (training one needs 50 outcomes of each class: models.int-spec.ts).
    const modelId = '00000000-0000-4000-8000-00000000000d';
    await fixture.admin.pool.query(
      `INSERT INTO models (id, status, window_from, window_to, seed, rules_version, feature_spec_version, model)
       VALUES ($1, 'done', '2026-01-01', '2026-12-01', 1, $2, $3, '{"features":[],"intercept":0,"weights":[]}')`,
      [modelId, rule.version, FEATURE_SPEC_VERSION],
    );
    await change('model.activated', 'POST', `/v1/models/${modelId}/activate`);
    const routing = await fixture.json<{ teams: Array<{ secret?: string }> }>(await change('routing.version_created', 'PUT', '/v1/routing', JSON.stringify({
      teams: [{ id: fixture.teamId, members: ['ann'], webhook: { url: 'http://93.184.216.34/hook' } }, { id: 'emea', members: ['eve'], webhook: { url: 'http://93.184.216.34/emea' } }],
    })));
    secrets.push(...routing.teams.flatMap((team) => (team.secret ? [team.secret] : [])));
    secrets.push((await fixture.json<{ secret: string }>(await change('routing.secret_rotated', 'POST', `/v1/routing/teams/${fixture.teamId}/rotate-secret`))).secret);
    const source = await fixture.json<{ id: string; writeKey: string }>(await change('source.created', 'POST', '/v1/sources', JSON.stringify({ name: 'landing page' })));
    secrets.push(source.writeKey);
    await change('source.changed', 'PATCH', `/v1/sources/${source.id}`, JSON.stringify({ allowedOrigins: ['https://www.example.com'] }));
    await change('source.revoked', 'DELETE', `/v1/sources/${source.id}`);
    const token = await fixture.json<{ id: string; token: string }>(await change('token.created', 'POST', '/v1/tokens', JSON.stringify({ name: 'crm', scopes: ['feedback:write'] })));
    secrets.push(token.token);
    await change('token.revoked', 'DELETE', `/v1/tokens/${token.id}`);
    await change('dlq.redriven', 'POST', '/v1/dlq/redrive', JSON.stringify({ all: true }));
    await change('feedback.recorded', 'POST', '/v1/leads/lead-1/feedback', JSON.stringify({ action: 'accept', reason: 'called back' }));
    await change('handoff.redelivery_requested', 'POST', `/v1/handoffs/${fixture.handoffId}/redeliver`);
    await change('lead.erasure_requested', 'DELETE', '/v1/leads/erase-me-1');
    await change('insight_cost.set', 'PUT', '/v1/insights/costs/newsletter', JSON.stringify({ month: '2026-11', amount: 99.5, currency: 'EUR' }));

    // The same changes refused (400 before any write, 404/409 inside the change's transaction).
    const refused: Array<[string, string, string?, string?]> = [
      ['POST', '/v1/rules', 'name: [', 'application/yaml'],
      ['POST', '/v1/rules/x/activate', '{}'],
      ['POST', '/v1/rules/999/activate', '{}'],
      ['POST', '/v1/replay', JSON.stringify({ rulesVersion: 'x' })],
      ['POST', '/v1/rules/999/simulate'],
      ['PUT', '/v1/routing', JSON.stringify({ teams: 'none' })],
      ['POST', '/v1/routing/teams/BAD!/rotate-secret'],
      ['POST', '/v1/routing/teams/nobody/rotate-secret'],
      ['POST', '/v1/sources', JSON.stringify({})],
      ['PATCH', `/v1/sources/${source.id}`, JSON.stringify({ allowedOrigins: ['not an origin'] })],
      ['PATCH', `/v1/sources/${source.id}`, JSON.stringify({ allowedOrigins: [] })],
      ['DELETE', `/v1/sources/${source.id}`],
      ['POST', '/v1/tokens', JSON.stringify({ name: 'x', scopes: ['root'] })],
      ['DELETE', `/v1/tokens/${token.id}`],
      ['POST', '/v1/dlq/redrive', JSON.stringify({})],
      ['POST', '/v1/leads/lead-1/feedback', JSON.stringify({ action: 'nope' })],
      ['POST', '/v1/handoffs/not-a-uuid/redeliver'],
      ['DELETE', '/v1/leads/not%20a%20lead'],
      ['PUT', '/v1/insights/costs/newsletter', JSON.stringify({ month: '2026-13', amount: 1, currency: 'EUR' })],
      ['PUT', '/v1/insights/costs/newsletter', JSON.stringify({ month: '2026-10', amount: 1, currency: 'USD' })],
    ];
    for (const [method, path, body, contentType = JSON_TYPE] of refused) {
      const response = await fixture.admin.call(method, path, { token: clumsy.token, body, contentType: body === undefined ? undefined : contentType });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: expect.any(Number) });
      expect([400, 404, 409]).toContain(response.status);
    }
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('records each kind of change once, with the token that made it and the request id it answered', async () => {
    const { items } = await audit(`?tokenId=${ops.id}&limit=500`);
    expect(items.map((item) => item.kind).sort()).toEqual([...AUDIT_KINDS].sort());
    for (const item of items) {
      expect(item).toMatchObject({ tokenId: ops.id, tokenName: 'ops person', requestId: requestIds.get(item.kind) });
      expect(item.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('says what changed by ids and versions, never a secret or the lead', async () => {
    const { items } = await audit('?limit=500');
    const byKind = new Map((await audit(`?tokenId=${ops.id}`)).items.map((item) => [item.kind, item.details]));
    expect(byKind.get('routing.version_created')).toMatchObject({ teams: [fixture.teamId, 'emea'], newSecretsFor: ['emea'] });
    expect(byKind.get('handoff.redelivery_requested')).toEqual({ handoffId: fixture.handoffId });
    expect(byKind.get('dlq.redriven')).toMatchObject({ redriven: 1 });
    expect(byKind.get('feedback.recorded')).toEqual({ eventId: expect.stringMatching(/^feedback:/) });
    expect(byKind.get('insight_cost.set')).toEqual({ source: 'newsletter', month: '2026-11' });
    expect(byKind.get('lead.erasure_requested')).toEqual({ erasureId: expect.stringMatching(/^[0-9a-f-]{36}$/), leads: 1 });
    const text = JSON.stringify(items);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('lead-1');
    expect(text).not.toContain('erase-me-1');
    expect(text).not.toContain('called back');
  });

  it('records no refused change', async () => {
    expect((await audit(`?tokenId=${clumsy.id}`)).items).toEqual([]);
  });

  it('names the token as the author of a rule set version and a routing version, whatever header is sent', async () => {
    const posted = await fixture.admin.call('POST', '/v1/rules', { token: ops.token, body: RULES_YAML, contentType: 'application/yaml', headers: { 'x-leadscore-author': 'someone else' } });
    const { version } = await fixture.json<{ version: number }>(posted);
    expect(await fixture.json<{ author: string }>(await fixture.admin.call('GET', `/v1/rules/${version}`))).toMatchObject({ author: 'ops person' });
    const { rows } = await fixture.admin.pool.query<{ author: string }>('SELECT author FROM routing_versions ORDER BY version');
    expect(rows.map((row) => row.author)).toEqual(['ADMIN_TOKEN', 'ops person']);
  });

  it('filters by kind and time, and pages with the cursor through every entry once', async () => {
    const all = (await audit('?limit=500')).items;
    expect(all.map((item) => Number(item.id))).toEqual(all.map((item) => Number(item.id)).sort((x, y) => x - y));
    expect(all.length).toBeGreaterThan(10);
    expect((await audit('?kind=token.created')).items.map((item) => item.details.name)).toEqual(expect.arrayContaining(['ops person', 'clumsy', 'crm']));
    expect((await audit(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toEqual([]);
    expect((await audit(`?to=${encodeURIComponent(all[0].at)}`)).items).toEqual([]);
    const paged: AuditItem[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await audit(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(all);
    const bad = await fixture.admin.call('GET', '/v1/audit?kind=everything&cursor=!!');
    expect(bad.status).toBe(400);
  });

  it.each([
    ['UPDATE', "UPDATE ops_audit SET kind = 'nothing happened'"],
    ['DELETE', 'DELETE FROM ops_audit'],
    ['TRUNCATE', 'TRUNCATE ops_audit'],
  ])('refuses %s on the log from the app\'s own connection', async (_name, statement) => {
    const before = (await fixture.admin.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM ops_audit')).rows[0].n;
    await expect(fixture.admin.pool.query(statement)).rejects.toThrow('ops_audit is append-only');
    expect((await fixture.admin.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM ops_audit')).rows[0].n).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});
