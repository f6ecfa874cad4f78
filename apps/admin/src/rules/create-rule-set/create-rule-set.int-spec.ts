import { type AdminTestApp, startAdminApp } from '../testing/start-admin-app';

const YAML = `# posted as YAML
name: stricter
thresholds: { mql: 60, sql: 120 }
rules:
  - id: email-open
    when: { type: email_open }
    points: 1
`;

const BROKEN_YAML = `name: broken
thresholds: { mql: 50, sql: 100 }
rules:
  - id: pricing
    when:
      type: page_visit
      where: [{ field: properties.url, op: like, value: /pricing }]
    points: 5
  - id: pricing
    when: { type: email_open }
    points: 1
    limit: { count: 1, per: 3y }
`;

const JSON_TEXT = `{"name": "as-json", "thresholds": {"mql": 50, "sql": 100},
  "rules": [{"id": "whitepaper", "when": {"type": "whitepaper_download"}, "points": 15}]}`;

type Errors = { errors: Array<{ path: string; message: string }> };

describe('POST /v1/rules and /v1/rules/validate', () => {
  let admin: AdminTestApp;

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_rules_create' });
  });

  afterAll(async () => {
    await admin?.close();
  });

  const ruleSetRow = async (version: number) =>
    (await admin.pool.query('SELECT name, format, source_text, definition, author, created_at, is_active FROM rule_sets WHERE version = $1', [version])).rows[0];

  it('stores a YAML rule set as a new version, with the text as posted and the token that posted it as author', async () => {
    const response = await admin.call('POST', '/v1/rules', { body: YAML, contentType: 'application/yaml' });
    expect(response.status).toBe(201);
    const { version } = (await response.json()) as { version: number };
    const row = await ruleSetRow(version);
    expect(row).toMatchObject({ name: 'stricter', format: 'yaml', source_text: YAML, author: 'ADMIN_TOKEN', is_active: false });
    expect(row.definition).toMatchObject({ name: 'stricter', thresholds: { mql: 60, sql: 120 }, rules: [{ id: 'email-open', points: 1, kind: 'engagement' }] });
    expect(Date.now() - row.created_at.getTime()).toBeLessThan(60_000);
  });

  it('stores a JSON rule set with its text as posted; an author the caller declares (query or header) changes nothing', async () => {
    const response = await admin.call('POST', '/v1/rules?author=cli', { body: JSON_TEXT, contentType: 'application/json; charset=utf-8', headers: { 'x-leadscore-author': 'ops@acme' } });
    expect(response.status).toBe(201);
    const { version } = (await response.json()) as { version: number };
    expect(await ruleSetRow(version)).toMatchObject({ name: 'as-json', format: 'json', source_text: JSON_TEXT, author: 'ADMIN_TOKEN' });
  });

  it('accepts text/yaml', async () => {
    const response = await admin.call('POST', '/v1/rules', { body: YAML, contentType: 'text/yaml' });
    expect(response.status).toBe(201);
  });

  it('creates a new version every time, even for identical text', async () => {
    const versions: number[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await admin.call('POST', '/v1/rules', { body: YAML, contentType: 'application/yaml' });
      versions.push(((await response.json()) as { version: number }).version);
    }
    expect(versions[1]).toBe(versions[0] + 1);
  });

  it('refuses an invalid rule set with every error by path and stores nothing', async () => {
    const before = (await admin.pool.query('SELECT count(*)::int AS n FROM rule_sets')).rows[0].n;
    const response = await admin.call('POST', '/v1/rules', { body: BROKEN_YAML, contentType: 'application/yaml' });
    expect(response.status).toBe(400);
    const paths = ((await response.json()) as Errors).errors.map((error) => error.path).sort();
    expect(paths).toEqual(['rules.0.when.where.0.op', 'rules.1.id', 'rules.1.limit.per']);
    expect((await admin.pool.query('SELECT count(*)::int AS n FROM rule_sets')).rows[0].n).toBe(before);
  });

  it('names the body for YAML that does not parse', async () => {
    const response = await admin.call('POST', '/v1/rules', { body: 'name: [', contentType: 'application/yaml' });
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as Errors;
    expect(errors[0].path).toBe('body');
    expect(errors[0].message).toMatch(/invalid YAML/);
  });

  it('names the fields of an invalid JSON rule set', async () => {
    const response = await admin.call('POST', '/v1/rules', { body: '{"name": "x", "rules": []}', contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Errors).errors.map((error) => error.path)).toContain('thresholds');
  });

  it('answers 415 for a body that is neither JSON nor YAML', async () => {
    const response = await admin.call('POST', '/v1/rules', { body: YAML, contentType: 'text/plain' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as Errors).errors[0].path).toBe('content-type');
  });

  it('validates without storing: 200 for a good rule set, 400 with the paths for a bad one', async () => {
    const before = (await admin.pool.query('SELECT count(*)::int AS n FROM rule_sets')).rows[0].n;
    const good = await admin.call('POST', '/v1/rules/validate', { body: YAML, contentType: 'application/yaml' });
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ valid: true });
    const goodJson = await admin.call('POST', '/v1/rules/validate', { body: JSON_TEXT, contentType: 'application/json' });
    expect(goodJson.status).toBe(200);
    const bad = await admin.call('POST', '/v1/rules/validate', { body: BROKEN_YAML, contentType: 'application/yaml' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Errors).errors.map((error) => error.path)).toContain('rules.0.when.where.0.op');
    expect((await admin.pool.query('SELECT count(*)::int AS n FROM rule_sets')).rows[0].n).toBe(before);
  });

  it.each([
    ['POST', '/v1/rules'],
    ['POST', '/v1/rules/validate'],
  ])('answers 401 to %s %s without the admin token', async (method, path) => {
    const response = await admin.call(method, path, { body: YAML, contentType: 'application/yaml', token: null });
    expect(response.status).toBe(401);
    expect(((await response.json()) as Errors).errors[0].path).toBe('authorization');
  });
});
