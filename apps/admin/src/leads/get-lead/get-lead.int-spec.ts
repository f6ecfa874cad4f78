import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@leadscore/config';
import { createKafkaClient } from '@leadscore/kafka';
import { bootstrapHttpApp } from '@leadscore/http';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { createPgPool, createRedis, NO_INSIGHT_COLUMNS, upsertProjections } from '@leadscore/persistence';
import type Redis from 'ioredis';
import { type Pool } from 'pg';
import { migratedDatabase, openDataSource } from '@test/support/test-database';
import { testEnv } from '@test/setup/test-env';
import { AdminModule } from '../../admin.module';

const TOKEN = 'admin-token-for-tests';

describe('GET /v1/leads/{leadId}', () => {
  let app: NestFastifyApplication;
  let pool: Pool;
  let redis: Redis;
  let url: string;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await migratedDatabase(env.databaseUrl, 'leadscore_int_admin_leads');
    const config = loadConfig({ DATABASE_URL: databaseUrl, KAFKA_BROKERS: env.kafkaBrokers, REDIS_URL: env.redisUrl, ADMIN_TOKEN: TOKEN });
    const logger = new JsonLogger('admin-test', 'error');
    pool = createPgPool(databaseUrl);
    redis = createRedis(env.redisUrl);
    const client = await pool.connect();
    await upsertProjections(client, 1, [{
      leadId: 'lead-42', score: 65.5, fitScore: 20, engagementScore: 45.5, grade: 'C', stage: 'mql', ruleVersion: 3,
      eventCount: 7, firstSeenAt: Date.parse('2026-01-02T03:04:05.000Z'), lastActivityAt: Date.parse('2026-02-01T00:00:00.000Z'),
      lastSeq: '9', ...NO_INSIGHT_COLUMNS, source: 'ads', mqlAt: Date.parse('2026-01-03T00:00:00.000Z'), revenue: 1200.5,
      traits: { company: 'Acme' }, state: {},
    }]);
    client.release();
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

  const get = (path: string, token: string | null = TOKEN) =>
    fetch(`${url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

  it('answers the lead view of the live projection', async () => {
    const response = await get('/v1/leads/lead-42');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      leadId: 'lead-42', score: 65.5, fitScore: 20, engagementScore: 45.5, grade: 'C', stage: 'mql', owner: null,
      ruleVersion: 3, eventCount: 7, firstSeenAt: '2026-01-02T03:04:05.000Z', lastActivityAt: '2026-02-01T00:00:00.000Z',
      traits: { company: 'Acme' }, mergedInto: null, source: 'ads', revenue: 1200.5,
      milestones: { mqlAt: '2026-01-03T00:00:00.000Z', sqlAt: null, opportunityAt: null, customerAt: null, lostAt: null, disqualifiedAt: null },
    });
  });

  it('answers 404 naming the lead when it is unknown', async () => {
    const response = await get('/v1/leads/nobody');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ path: 'leadId', message: 'no lead "nobody"' }] });
  });

  it('answers 400 for a leadId outside the allowed alphabet', async () => {
    const response = await get('/v1/leads/bad%20id');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ path: string }> }).errors[0].path).toBe('leadId');
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'not-the-admin-token'],
    ['a write key', 'dev-write-key'],
  ])('answers 401 with %s', async (_label, token) => {
    const response = await get('/v1/leads/lead-42', token);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: Array<{ path: string }> }).errors[0].path).toBe('authorization');
  });

  it('serves health and metrics without a token', async () => {
    expect((await get('/health/live', null)).status).toBe(200);
    const ready = await get('/health/ready', null);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: unknown }).checks).toEqual({ kafka: 'up', postgres: 'up', redis: 'up' });
    expect(await (await get('/metrics', null)).text()).toContain('leadscore_');
  });
});
