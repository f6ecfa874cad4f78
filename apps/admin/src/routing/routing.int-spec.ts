import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import type Redis from 'ioredis';
import { type Pool } from 'pg';
import { loadConfig } from '@leadscore/config';
import { bootstrapHttpApp } from '@leadscore/http';
import { createKafkaClient } from '@leadscore/kafka';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createPgPool, createRedis, teamEndpointState } from '@leadscore/persistence';
import { migratedDatabase, openDataSource } from '@test/support/test-database';
import { testEnv } from '@test/setup/test-env';
import { AdminModule } from '../admin.module';

const TOKEN = 'admin-token-for-routing-tests';

describe('PUT /v1/routing with private webhook hosts refused (the default)', () => {
  let app: NestFastifyApplication;
  let pool: Pool;
  let redis: Redis;
  let url: string;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await migratedDatabase(env.databaseUrl, 'leadscore_int_admin_routing');
    const config = loadConfig({ DATABASE_URL: databaseUrl, KAFKA_BROKERS: env.kafkaBrokers, REDIS_URL: env.redisUrl, ADMIN_TOKEN: TOKEN });
    const logger = new JsonLogger('admin-test', 'error');
    pool = createPgPool(databaseUrl);
    redis = createRedis(env.redisUrl);
    app = await bootstrapHttpApp({
      module: AdminModule.forRoot({ config, logger, metrics: new Metrics('admin-test'), kafka: createKafkaClient({ brokers: config.kafkaBrokers, clientId: 't', logger }), dataSource: await openDataSource(databaseUrl), redis }),
      logger, port: 0, host: '127.0.0.1', bodyLimitBytes: 1024 * 1024,
    });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    redis?.disconnect();
  });

  const put = (body: unknown, token = TOKEN) => fetch(`${url}/v1/routing`, {
    method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const team = (id: string, webhook: string) => ({ id, members: ['ann'], webhook: { url: webhook } });

  it.each([
    'http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://10.0.0.8/hook', 'http://169.254.169.254/latest',
    'http://[::1]/hook', 'http://[::ffff:127.0.0.1]/hook', 'http://[fd00::1]/hook', 'http://[2002:7f00:1::1]/hook', 'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook',
  ])('refuses %s with a 400 on the webhook path', async (webhook) => {
    const response = await put({ teams: [team('sales', webhook)] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ path: string; message: string }> };
    expect(body.errors).toEqual([{ path: 'teams.0.webhook.url', message: expect.stringContaining('WEBHOOK_ALLOW_PRIVATE') }]);
    expect((await pool.query('SELECT count(*)::int AS n FROM routing_versions')).rows[0].n).toBe(0);
  });

  it('accepts a public address, generating a whsec_ secret shown once', async () => {
    const first = await put({ teams: [team('sales', 'http://93.184.216.34/hook')] });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { version: number; teams: Array<{ id: string; secret?: string }> };
    expect(body.teams[0].secret).toMatch(/^whsec_/);
    expect(Buffer.from(body.teams[0].secret!.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    const again = (await (await put({ teams: [team('sales', 'http://93.184.216.34/other')] })).json()) as typeof body;
    expect(again).toEqual({ version: body.version + 1, teams: [{ id: 'sales' }] });
  });

  it('rotates a team secret: a new one shown once, the old one still signed with for 24 h', async () => {
    const rotate = (teamId: string, token = TOKEN) => fetch(`${url}/v1/routing/teams/${teamId}/rotate-secret`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const before = (await pool.query(`SELECT secret FROM routing_teams WHERE team_id = 'sales'`)).rows[0].secret as string;
    const response = await rotate('sales');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { teamId: string; secret: string; previousSecretValidUntil: string };
    expect(body).toEqual({ teamId: 'sales', secret: expect.stringMatching(/^whsec_/), previousSecretValidUntil: expect.any(String) });
    expect(body.secret).not.toBe(before);
    const graceMs = Date.parse(body.previousSecretValidUntil) - Date.now();
    expect(graceMs).toBeGreaterThan(23.9 * 3600_000);
    expect(graceMs).toBeLessThanOrEqual(24 * 3600_000);
    expect(await teamEndpointState(pool, 'sales')).toEqual({ secrets: [body.secret, before], disabled: false });
    // Once the grace period is over, only the new secret signs.
    await pool.query(`UPDATE routing_teams SET previous_secret_until = now() - interval '1 second' WHERE team_id = 'sales'`);
    expect(await teamEndpointState(pool, 'sales')).toEqual({ secrets: [body.secret], disabled: false });
    expect((await rotate('nobody')).status).toBe(404);
    expect((await rotate('Not_A_Team')).status).toBe(400);
    expect((await rotate('sales', 'wrong-token-123')).status).toBe(401);
  });

  it('needs the admin token', async () => {
    expect((await put({ teams: [] }, 'wrong-token-123')).status).toBe(401);
    expect((await fetch(`${url}/v1/handoffs`)).status).toBe(401);
  });
});
