import type Redis from 'ioredis';
import { createPgPool, createRedis, WriteKeyRepository, writeKeyRevokedChannel } from '@leadscore/persistence';
import { type IngestUnderTest, startIngest } from '../testing/ingest-under-test';

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

describe('a write key revoked by the admin API', () => {
  let ingest: IngestUnderTest;
  let publisher: Redis;
  let keys: WriteKeyRepository;
  let closePool: () => Promise<void>;

  beforeAll(async () => {
    ingest = await startIngest({ suite: 'ingest-revocation', writeKeys: [] });
    const pool = createPgPool(ingest.config.databaseUrl, 1);
    keys = new WriteKeyRepository(pool);
    closePool = () => pool.end();
    publisher = createRedis(ingest.config.redisUrl);
  });

  afterAll(async () => {
    publisher?.disconnect();
    await closePool?.();
    await ingest?.close();
  });

  // An empty native body: 400 once the key opened ingest, 401 when it does not.
  const status = async (key: string) =>
    (await fetch(`${ingest.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{}' })).status;

  it('answers 401 within 2 s, though ingest had the key cached as valid for 5 s', async () => {
    const created = await keys.create({ name: 'to revoke' });
    expect(await status(created.key)).toBe(400);
    // What DELETE /v1/sources/{id} does (apps/admin/src/sources/revoke-source): revoke, then announce.
    await keys.revoke(created.id);
    await publisher.publish(writeKeyRevokedChannel(ingest.config.namespace), created.id);
    const revokedAt = Date.now();
    let answer = await status(created.key);
    while (answer !== 401 && Date.now() - revokedAt < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await status(created.key);
    }
    expect(answer).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(2000);
  });

  it('keeps the other sources\' cached keys', async () => {
    const kept = await keys.create({ name: 'kept' });
    expect(await status(kept.key)).toBe(400);
    await publisher.publish(writeKeyRevokedChannel(ingest.config.namespace), 'some-other-id');
    expect(await status(kept.key)).toBe(400);
  });
});
