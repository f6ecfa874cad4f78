import { type AdminTestApp, startAdminApp } from '../testing/start-admin-app';

const ruleSetYaml = (name: string) => `name: ${name}
thresholds: { mql: 50, sql: 100 }
rules:
  - id: email-open
    when: { type: email_open }
    points: 2
`;

type Errors = { errors: Array<{ path: string; message: string }> };
type Page = { items: Array<{ version: number; name: string; createdAt: string; author: string | null; active: boolean }>; nextCursor: string | null };

describe('GET /v1/rules and GET /v1/rules/{n}', () => {
  let admin: AdminTestApp;
  const versions: number[] = [];

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_rules_list' });
    for (let i = 1; i <= 5; i++) {
      // The author is the name of the token that posts: one token per author.
      const created = await admin.call('POST', '/v1/tokens', { body: JSON.stringify({ name: `author-${i}`, scopes: ['rules:write'] }), contentType: 'application/json' });
      const { token } = (await created.json()) as { token: string };
      const response = await admin.call('POST', '/v1/rules', { body: ruleSetYaml(`set-${i}`), contentType: 'application/yaml', token });
      versions.push(((await response.json()) as { version: number }).version);
    }
    await admin.call('POST', `/v1/rules/${versions[1]}/activate`);
  });

  afterAll(async () => {
    await admin?.close();
  });

  const getJson = async <T>(path: string) => {
    const response = await admin.call('GET', path);
    return { status: response.status, body: (await response.json()) as T };
  };

  it('lists every version newest first, page by page, with the active one marked', async () => {
    const first = await getJson<Page>('/v1/rules?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((item) => item.version)).toEqual([versions[4], versions[3]]);
    expect(first.body.items[0]).toEqual({ version: versions[4], name: 'set-5', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), author: 'author-5', active: false });
    const second = await getJson<Page>(`/v1/rules?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((item) => [item.version, item.active])).toEqual([[versions[2], false], [versions[1], true]]);
    const third = await getJson<Page>(`/v1/rules?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((item) => item.version)).toEqual([versions[0]]);
    expect(third.body.nextCursor).toBeNull();
  });

  it('answers one page with no next cursor when everything fits', async () => {
    const page = await getJson<Page>('/v1/rules');
    expect(page.body.items).toHaveLength(5);
    expect(page.body.nextCursor).toBeNull();
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['cursor=djA', 'cursor'],
  ])('answers 400 for %s', async (query, path) => {
    const page = await getJson<Errors>(`/v1/rules?${query}`);
    expect(page.status).toBe(400);
    expect(page.body.errors[0].path).toBe(path);
  });

  it('shows one version with its source text and definition', async () => {
    const shown = await getJson<Record<string, unknown>>(`/v1/rules/${versions[1]}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      version: versions[1], name: 'set-2', format: 'yaml', sourceText: ruleSetYaml('set-2'), author: 'author-2', active: true,
      definition: { name: 'set-2', thresholds: { mql: 50, sql: 100 }, rules: [{ id: 'email-open', points: 2 }] },
    });
    expect(shown.body.activatedAt).toEqual(expect.stringMatching(/^\d{4}-/));
  });

  it('answers 404 for an unknown version and 400 for one that is not an integer', async () => {
    const unknown = await getJson<Errors>('/v1/rules/9999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].path).toBe('version');
    for (const bad of ['abc', '1.5', '0', '-3']) {
      const response = await getJson<Errors>(`/v1/rules/${bad}`);
      expect({ bad, status: response.status, path: response.body.errors[0].path }).toEqual({ bad, status: 400, path: 'version' });
    }
  });

  it.each(['/v1/rules', '/v1/rules/1'])('answers 401 to GET %s without the admin token', async (path) => {
    const response = await admin.call('GET', path, { token: null });
    expect(response.status).toBe(401);
  });
});
