import type Redis from 'ioredis';
import { createRedis } from '@leadscore/persistence';
import { testEnv } from '@test/setup/test-env';
import { uniqueNamespace } from '@test/support/namespace';
import { waitFor } from '@test/support/wait-for';
import { type AdminTestApp, startAdminApp } from '../testing/start-admin-app';

const YAML = `name: v
thresholds: { mql: 50, sql: 100 }
rules:
  - id: email-open
    when: { type: email_open }
    points: 2
`;

type Errors = { errors: Array<{ path: string; message: string }> };

describe('POST /v1/rules/{n}/activate', () => {
  const namespace = uniqueNamespace('activate');
  let admin: AdminTestApp;
  let subscriber: Redis;
  const signals: string[] = [];
  const versions: number[] = [];

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_rules_activate', namespace });
    subscriber = createRedis(testEnv().redisUrl);
    subscriber.on('message', (channel: string, message: string) => signals.push(`${channel}=${message}`));
    await subscriber.subscribe(`${namespace}:leadscore:rules-activated`);
    for (let i = 0; i < 2; i++) {
      const response = await admin.call('POST', '/v1/rules', { body: YAML, contentType: 'application/yaml' });
      versions.push(((await response.json()) as { version: number }).version);
    }
  });

  afterAll(async () => {
    subscriber?.disconnect();
    await admin?.close();
  });

  const activeVersions = async () => (await admin.pool.query<{ version: number }>('SELECT version FROM rule_sets WHERE is_active')).rows.map((row) => row.version);

  it('makes the version the only active one and signals the workers on the namespaced channel', async () => {
    const first = await admin.call('POST', `/v1/rules/${versions[0]}/activate`);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ version: versions[0], active: true });
    expect(await activeVersions()).toEqual([versions[0]]);

    const second = await admin.call('POST', `/v1/rules/${versions[1]}/activate`, { body: '{"rescore": false}', contentType: 'application/json' });
    expect(second.status).toBe(200);
    expect(await activeVersions()).toEqual([versions[1]]);
    const channel = `${namespace}:leadscore:rules-activated`;
    await waitFor('both signals', async () => (signals.length >= 2 ? true : undefined), 5000, 50);
    expect(signals).toEqual([`${channel}=${versions[0]}`, `${channel}=${versions[1]}`]);
  });

  it('keeps exactly one active version under concurrent activations', async () => {
    const answers = await Promise.all([0, 1, 0, 1].map((i) => admin.call('POST', `/v1/rules/${versions[i]}/activate`)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(await activeVersions()).toHaveLength(1);
  });

  it('starts a replay under the activated version when asked to rescore', async () => {
    const response = await admin.call('POST', `/v1/rules/${versions[0]}/activate`, { body: '{"rescore": true}', contentType: 'application/json' });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { version: number; active: boolean; replayId: string };
    expect(body).toEqual({ version: versions[0], active: true, replayId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await activeVersions()).toEqual([versions[0]]);
    const replay = await admin.call('GET', `/v1/replay/${body.replayId}`);
    expect(replay.status).toBe(200);
  });

  it.each([
    ['{"rescore": "yes"}', 'rescore'],
    ['{"rescore": true, "force": 1}', 'force'],
    ['[1]', 'body'],
  ])('answers 400 for the body %s and activates nothing', async (body, path) => {
    const before = await activeVersions();
    const response = await admin.call('POST', `/v1/rules/${versions[1]}/activate`, { body, contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Errors).errors.map((error) => error.path)).toContain(path);
    expect(await activeVersions()).toEqual(before);
  });

  it('answers 404 for an unknown version and 400 for a malformed one', async () => {
    const before = await activeVersions();
    const unknown = await admin.call('POST', '/v1/rules/4242/activate');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Errors).errors[0].path).toBe('version');
    expect((await admin.call('POST', '/v1/rules/v2/activate')).status).toBe(400);
    expect(await activeVersions()).toEqual(before);
  });

  it('answers 401 without the admin token and changes nothing', async () => {
    const before = await activeVersions();
    const response = await admin.call('POST', `/v1/rules/${versions[1]}/activate`, { token: null });
    expect(response.status).toBe(401);
    expect(await activeVersions()).toEqual(before);
  });
});
