import { type Pool } from 'pg';
import { loadConfig } from '@leadscore/config';
import { Unauthorized, Unavailable } from '@leadscore/http';
import { createPgPool, WriteKeyRepository } from '@leadscore/persistence';
import { migratedDatabase } from '@test/support/test-database';
import { testEnv } from '@test/setup/test-env';
import { systemClock } from '../ingest.tokens';
import { type IngestUnderTest, startIngest } from '../testing/ingest-under-test';
import { WriteKeyAuthenticator } from './write-key.authenticator';

jest.setTimeout(120_000);

const VALID_KEY = 'it-unknown-keys-valid-key';

/** The ingest pool (4 connections, as IngestConnections opens it), counting every query it runs. */
function countingPool(pool: Pool): { pool: Pool; queries: () => number } {
  let count = 0;
  const counted = new Proxy(pool, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property !== 'query' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        count++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { pool: counted, queries: () => count };
}

describe('a flood of unknown write keys, against real PostgreSQL', () => {
  let pool: Pool;

  beforeAll(async () => {
    const databaseUrl = await migratedDatabase(testEnv().databaseUrl, 'leadscore_test_ingest_unknown_keys');
    pool = createPgPool(databaseUrl, 4);
    await new WriteKeyRepository(pool).seed([VALID_KEY]);
  });

  afterAll(async () => {
    await pool?.end();
  });

  it('costs one query per distinct key, and a valid key stays fast and accepted across its cache expiry', async () => {
    const counting = countingPool(pool);
    const authenticator = new WriteKeyAuthenticator(new WriteKeyRepository(counting.pool), loadConfig({}), systemClock);
    await authenticator.authenticate(VALID_KEY);
    const before = counting.queries();
    const DISTINCT = 1500;
    const outcomes = { refused: 0, unavailable: 0, other: 0 };
    let stop = false;
    // 50 attackers at once, each key sent three times; the flood lasts past the valid key's 5 s cache time.
    const flood = Promise.all(Array.from({ length: 50 }, async (_, attacker) => {
      for (let round = 0; !stop; round++) {
        const key = `wk_guess_${attacker}_${round % (DISTINCT / 50)}`;
        await authenticator.authenticate(key).then(
          () => void outcomes.other++,
          (error: unknown) => void (error instanceof Unauthorized ? outcomes.refused++ : error instanceof Unavailable ? outcomes.unavailable++ : outcomes.other++),
        );
        await new Promise((resolve) => setImmediate(resolve)); // a cached answer never yields by itself
      }
    }));
    const validLatencies: number[] = [];
    const deadline = Date.now() + 6500;
    while (Date.now() < deadline) {
      const started = performance.now();
      await expect(authenticator.authenticate(VALID_KEY)).resolves.toMatchObject({ name: expect.any(String) as unknown });
      validLatencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop = true;
    await flood;
    expect(outcomes.other).toBe(0);
    expect(outcomes.refused).toBeGreaterThan(DISTINCT);
    // The valid key was looked up again after its cache time (once or twice), never waiting behind the flood.
    expect(Math.max(...validLatencies)).toBeLessThan(250);
    // Every distinct unknown key costs at most one query per cache time (5 s: twice over the 6.5 s), however often it is sent.
    expect(counting.queries() - before).toBeLessThanOrEqual(2 * DISTINCT + 2);
    expect(pool.waitingCount).toBe(0);
  });
});

describe('the per-address limit before authentication, through HTTP', () => {
  let ingest: IngestUnderTest;
  const post = (key: string, headers: Record<string, string> = {}) =>
    fetch(`${ingest.url}/v1/events`, {
      method: 'POST', body: JSON.stringify({ leadId: 'addr-lead', type: 'page_visit' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    });

  beforeAll(async () => {
    ingest = await startIngest({ suite: 'ingest-address-limit', writeKeys: [VALID_KEY], env: { INGEST_ADDRESS_RATE_PER_SECOND: '1', INGEST_ADDRESS_RATE_BURST: '5' } });
  });

  afterAll(async () => {
    await ingest?.close();
  });

  it('answers 429 with Retry-After to an address hammering with invalid keys, before looking the keys up', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await post(`wk_guess_${i}`, { 'x-forwarded-for': `198.51.100.${i}` }); // no trusted proxy: the header changes nothing
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toBe('1');
        expect(await response.json()).toEqual({ errors: [{ path: '', message: 'too many requests from this address; retry in 1 s' }] });
      } else {
        await response.arrayBuffer();
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    // The same address with the valid key is over its limit too: the limit is per address, before any key.
    expect((await post(VALID_KEY)).status).toBe(429);
    const metrics = await (await fetch(`${ingest.url}/metrics`)).text();
    expect(metrics).toMatch(/leadscore_ingest_address_rate_limited_total\{[^}]*\} 8\n/);
  });

  it('answers a Segment route\'s 429 with "success": false, and the pixel with its GIF', async () => {
    // The bucket refills one token a second: the first call may still get through (to its 401).
    const answers: Array<{ status: number; body: unknown }> = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${ingest.url}/v1/track`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      answers.push({ status: response.status, body: await response.json() });
    }
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(2);
    for (const answer of answers) expect(answer.body).toMatchObject({ success: false });
    const pixel = await fetch(`${ingest.url}/v1/pixel.gif?k=${VALID_KEY}&lead=addr-lead`);
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get('content-type')).toBe('image/gif');
    expect((await fetch(`${ingest.url}/health/live`)).status).toBe(200);
  });
});

describe('X-Forwarded-For from a trusted proxy', () => {
  let ingest: IngestUnderTest;
  const post = (forwardedFor: string) =>
    fetch(`${ingest.url}/v1/events`, {
      method: 'POST', body: '{}', headers: { 'content-type': 'application/json', authorization: 'Bearer wk_guess', 'x-forwarded-for': forwardedFor },
    });

  beforeAll(async () => {
    ingest = await startIngest({
      suite: 'ingest-trusted-proxy', writeKeys: [VALID_KEY],
      env: { INGEST_ADDRESS_RATE_PER_SECOND: '1', INGEST_ADDRESS_RATE_BURST: '1', INGEST_TRUSTED_PROXIES: '127.0.0.1' },
    });
  });

  afterAll(async () => {
    await ingest?.close();
  });

  it('limits each forwarded client address on its own when the proxy is trusted', async () => {
    expect((await post('198.51.100.1')).status).toBe(401);
    expect((await post('198.51.100.2')).status).toBe(401);
    expect((await post('198.51.100.1')).status).toBe(429);
  });
});
