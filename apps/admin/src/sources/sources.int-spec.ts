import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import type Redis from 'ioredis';
import { type Pool } from 'pg';
import { loadConfig } from '@leadscore/config';
import { bootstrapHttpApp } from '@leadscore/http';
import { createKafkaClient } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createPgPool, createRedis, hashWriteKey, writeKeyRevokedChannel } from '@leadscore/persistence';
import { migratedDatabase, openDataSource } from '@test/support/test-database';
import { testEnv } from '@test/setup/test-env';
import { AdminModule } from '../admin.module';

const TOKEN = 'admin-token-for-sources-tests';

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

describe('Sources: POST/GET/DELETE /v1/sources', () => {
  let admin: NestFastifyApplication;
  let subscriber: Redis;
  const announced: string[] = [];
  let namespace: string;
  let pool: Pool;
  let redis: Redis;
  let adminUrl: string;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await migratedDatabase(env.databaseUrl, 'leadscore_int_admin_sources');
    const config = loadConfig({
      DATABASE_URL: databaseUrl, KAFKA_BROKERS: env.kafkaBrokers, REDIS_URL: env.redisUrl, ADMIN_TOKEN: TOKEN,
      LEADSCORE_NAMESPACE: `t-sources-${Date.now().toString(36)}`,
    });
    namespace = config.namespace;
    const logger = new JsonLogger('admin-test', 'error', () => undefined);
    pool = createPgPool(databaseUrl);
    redis = createRedis(env.redisUrl);
    admin = await bootstrapHttpApp({
      module: AdminModule.forRoot({ config, logger, metrics: new Metrics('admin-test'), kafka: createKafkaClient({ brokers: config.kafkaBrokers, clientId: 't', logger }), dataSource: await openDataSource(databaseUrl), redis }),
      logger, port: 0, host: '127.0.0.1', bodyLimitBytes: 1024 * 1024,
    });
    adminUrl = await admin.getUrl();
    subscriber = createRedis(env.redisUrl);
    subscriber.on('message', (_channel: string, id: string) => announced.push(id));
    await subscriber.subscribe(writeKeyRevokedChannel(namespace));
  });

  afterAll(async () => {
    subscriber?.disconnect();
    await admin?.close();
    await pool?.end();
    redis?.disconnect();
  });

  const call = (method: string, path: string, body?: unknown, token: string | null = TOKEN) =>
    fetch(`${adminUrl}${path}`, {
      method,
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('creates a source whose write key is shown once and stored hashed', async () => {
    const response = await call('POST', '/v1/sources', { name: 'website' });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; name: string; writeKey: string };
    expect(created).toMatchObject({ name: 'website', writeKey: expect.stringMatching(/^wk_/) as unknown });
    const { rows } = await pool.query('SELECT key_hash FROM write_keys WHERE id = $1', [created.id]);
    expect(rows).toEqual([{ key_hash: hashWriteKey(created.writeKey) }]);
  });

  it('lists sources page by page, without their keys', async () => {
    const keys: string[] = [];
    for (const name of ['newsletter', 'webinars']) keys.push(((await (await call('POST', '/v1/sources', { name })).json()) as { writeKey: string }).writeKey);
    const first = (await (await call('GET', '/v1/sources?limit=2')).json()) as { items: Array<{ name: string }>; nextCursor: string | null };
    expect(first.items.map((item) => item.name)).toEqual(['website', 'newsletter']);
    const second = (await (await call('GET', `/v1/sources?limit=2&cursor=${first.nextCursor}`)).json()) as { items: Array<{ name: string }>; nextCursor: string | null };
    expect(second).toMatchObject({ items: [{ name: 'webinars' }], nextCursor: null });
    for (const key of keys) expect(JSON.stringify([first, second])).not.toContain(key);
    expect(Object.keys(second.items[0]).sort()).toEqual(['allowedOrigins', 'createdAt', 'id', 'keyPrefix', 'name', 'revokedAt']);
  });

  it('pages through sources created in the same millisecond, none skipped or repeated', async () => {
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) ids.push(((await (await call('POST', '/v1/sources', { name: `same-ms-${name}` })).json()) as { id: string }).id);
    for (const [i, id] of ids.entries()) await pool.query('UPDATE write_keys SET created_at = $2 WHERE id = $1', [id, `2020-01-01 00:00:00.00000${i + 1}+00`]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await call('GET', `/v1/sources?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { items: Array<{ id: string }>; nextCursor: string | null };
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM write_keys');
    expect({ first: seen.slice(0, 3), count: seen.length, distinct: new Set(seen).size }).toEqual({ first: ids, count: rows[0].n, distinct: rows[0].n });
  });

  it('revokes a key in Postgres and announces it to ingest on Redis', async () => {
    const created = (await (await call('POST', '/v1/sources', { name: 'to revoke' })).json()) as { id: string };
    expect((await call('DELETE', `/v1/sources/${created.id}`)).status).toBe(204);
    const { rows } = await pool.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM write_keys WHERE id = $1', [created.id]);
    expect(rows[0].revoked_at).toBeInstanceOf(Date);
    const deadline = Date.now() + 2000;
    while (!announced.includes(created.id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(announced).toContain(created.id);
    expect((await call('DELETE', `/v1/sources/${created.id}`)).status).toBe(404);
  });

  it('keeps a source\'s allowed origins as browsers send Origin, and changes them with PATCH, announced to ingest', async () => {
    const response = await call('POST', '/v1/sources', { name: 'shop', allowedOrigins: ['https://Shop.Example.com:443', 'http://localhost:8080'] });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; allowedOrigins: string[] };
    expect(created.allowedOrigins).toEqual(['https://shop.example.com', 'http://localhost:8080']);
    const changed = await call('PATCH', `/v1/sources/${created.id}`, { allowedOrigins: ['https://www.example.com'] });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ id: created.id, allowedOrigins: ['https://www.example.com'] });
    const { rows } = await pool.query<{ allowed_origins: string[] }>('SELECT allowed_origins FROM write_keys WHERE id = $1', [created.id]);
    expect(rows[0].allowed_origins).toEqual(['https://www.example.com']);
    const deadline = Date.now() + 2000;
    while (!announced.includes(created.id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(announced).toContain(created.id);
    expect((await call('PATCH', `/v1/sources/${created.id}`, { allowedOrigins: [] })).status).toBe(200);
    await call('DELETE', `/v1/sources/${created.id}`);
    expect((await call('PATCH', `/v1/sources/${created.id}`, { allowedOrigins: [] })).status).toBe(404);
  });

  it.each([
    ['POST', 'an origin with a path', { name: 'x', allowedOrigins: ['https://ok.example', 'https://www.example.com/shop'] }, 'allowedOrigins.1'],
    ['POST', 'origins that are not a list', { name: 'x', allowedOrigins: 'https://www.example.com' }, 'allowedOrigins'],
    ['PATCH', 'a wildcard origin', { allowedOrigins: ['https://*.example.com'] }, 'allowedOrigins.0'],
    ['PATCH', 'no allowedOrigins', {}, 'allowedOrigins'],
    ['PATCH', 'another field', { name: 'renamed', allowedOrigins: [] }, 'name'],
  ])('refuses on %s %s, naming the field', async (method, _name, body, path) => {
    const target = method === 'POST' ? '/v1/sources' : `/v1/sources/${((await (await call('POST', '/v1/sources', { name: 'patched' })).json()) as { id: string }).id}`;
    const response = await call(method, target, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toContain(path);
  });

  it.each([
    ['no name', { }, 400],
    ['an empty name', { name: '' }, 400],
    ['an unknown field', { name: 'x', key: 'mine' }, 400],
  ])('refuses a source with %s', async (_name, body, status) => {
    expect((await call('POST', '/v1/sources', body)).status).toBe(status);
  });

  it('needs the admin token; a write key does not open it', async () => {
    expect((await call('GET', '/v1/sources', undefined, null)).status).toBe(401);
    const created = (await (await call('POST', '/v1/sources', { name: 'sneaky' })).json()) as { writeKey: string };
    expect((await call('GET', '/v1/sources', undefined, created.writeKey)).status).toBe(401);
  });
});
