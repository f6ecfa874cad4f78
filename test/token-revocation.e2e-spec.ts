import { Client } from 'pg';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { uniqueNamespace } from './support/namespace';
import { migratedDatabase } from './support/test-database';
import { waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

jest.setTimeout(120_000);

const ADMIN_TOKEN = 'admin-token-for-revocation-e2e';

/** Two admin processes (dist/) on one database and one Redis: a token revoked on one stops on both. */
describe('ops API tokens across two admin processes', () => {
  const processes: AppProcess[] = [];
  const urls: string[] = [];
  let db: Client;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await migratedDatabase(env.databaseUrl, 'leadscore_e2e_token_revocation');
    const namespace = uniqueNamespace('token-revocation');
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const app = new AppProcess('admin', {
        KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace,
        ADMIN_TOKEN, ADMIN_PORT: String(port), LOG_LEVEL: 'warn',
      });
      app.start();
      processes.push(app);
      urls.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(urls.map((url) => waitForHttpOk(`${url}/health/live`)));
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await Promise.all(processes.map((app) => app.stop()));
  });

  const get = (url: string, token: string) => fetch(`${url}/v1/leads`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.status);

  async function createToken(name: string, expiresAt?: string): Promise<{ id: string; token: string }> {
    const response = await fetch(`${urls[0]}/v1/tokens`, {
      method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, scopes: ['leads:read'], ...(expiresAt ? { expiresAt } : {}) }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; token: string };
  }

  /** Milliseconds from now until `url` refuses the token (polled every 50 ms), or Infinity after 5 s. */
  async function refusedAfter(url: string, token: string, since: number): Promise<number> {
    while (Date.now() - since < 5_000) {
      if ((await get(url, token)) === 401) return Date.now() - since;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return Infinity;
  }

  it('refuses a token revoked through one process on both within 2 s, though both had it cached', async () => {
    const created = await createToken('crm');
    expect(await Promise.all(urls.map((url) => get(url, created.token)))).toEqual([200, 200]);
    const revokedAt = Date.now();
    const revoke = await fetch(`${urls[0]}/v1/tokens/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(revoke.status).toBe(204);
    const delays = await Promise.all(urls.map((url) => refusedAfter(url, created.token, revokedAt)));
    expect(delays.every((delay) => delay < 2_000)).toBe(true);
  });

  it('refuses within 2 s a token revoked with no announcement at all (the cache TTL bounds it)', async () => {
    const created = await createToken('bi');
    expect(await Promise.all(urls.map((url) => get(url, created.token)))).toEqual([200, 200]);
    const revokedAt = Date.now();
    await db.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [created.id]);
    const delays = await Promise.all(urls.map((url) => refusedAfter(url, created.token, revokedAt)));
    expect(delays.every((delay) => delay < 2_000)).toBe(true);
  });

  it('refuses an expired token at once on both, its cached lookup notwithstanding', async () => {
    const expiresAt = Date.now() + 1_500;
    const created = await createToken('short-lived', new Date(expiresAt).toISOString());
    expect(await Promise.all(urls.map((url) => get(url, created.token)))).toEqual([200, 200]);
    // Keep both caches warm up to the last moment, then ask right after the expiry.
    while (Date.now() < expiresAt - 150) {
      expect(await Promise.all(urls.map((url) => get(url, created.token)))).toEqual([200, 200]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now() + 5)));
    expect(await Promise.all(urls.map((url) => get(url, created.token)))).toEqual([401, 401]);
  });
});
