import { type Pool } from 'pg';
import { migratedDatabase } from '@test/support/test-database';
import { createPgPool } from '../pg-pool';
import { hashWriteKey } from './write-key.hash';
import { WriteKeyRepository } from './write-key.repository';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

// jest reads testTimeout from the root config only, not from a project: a file sets its own.
jest.setTimeout(60_000);

describe('WriteKeyRepository against PostgreSQL', () => {
  let pool: Pool;
  let repository: WriteKeyRepository;

  beforeAll(async () => {
    const databaseUrl = await migratedDatabase(baseUrl, 'leadscore_test_write_keys');
    pool = createPgPool(databaseUrl, 2);
    repository = new WriteKeyRepository(pool);
  });

  afterAll(async () => {
    await pool?.end();
  });

  it('stores a new key as its hash only and shows the key once', async () => {
    const created = await repository.create({ name: 'website' });
    expect(created.key).toMatch(/^wk_/);
    const { rows } = await pool.query('SELECT * FROM write_keys WHERE id = $1', [created.id]);
    expect(rows[0]).toMatchObject({ name: 'website', key_hash: hashWriteKey(created.key), key_prefix: created.key.slice(0, 8), revoked_at: null });
    expect(JSON.stringify(rows[0])).not.toContain(created.key);
    await expect(repository.findActiveByHash(hashWriteKey(created.key))).resolves.toMatchObject({ id: created.id, name: 'website' });
  });

  it('keeps a source\'s allowed origins, and replaces them on an active key only', async () => {
    const created = await repository.create({ name: 'site', allowedOrigins: ['https://www.example.com'] });
    expect(created.allowedOrigins).toEqual(['https://www.example.com']);
    await expect(repository.findActiveByHash(hashWriteKey(created.key))).resolves.toMatchObject({ allowedOrigins: ['https://www.example.com'] });
    await expect(repository.setAllowedOrigins(created.id, ['https://a.example', 'http://localhost:8080'])).resolves.toBe(true);
    await expect(repository.findActiveByHash(hashWriteKey(created.key))).resolves.toMatchObject({ allowedOrigins: ['https://a.example', 'http://localhost:8080'] });
    await repository.revoke(created.id);
    await expect(repository.setAllowedOrigins(created.id, [])).resolves.toBe(false);
    const open = await repository.create({ name: 'open site' });
    await expect(repository.findActiveByHash(hashWriteKey(open.key))).resolves.toMatchObject({ allowedOrigins: [] });
  });

  it('refuses to create a key that already exists', async () => {
    await repository.create({ name: 'first', key: 'wk_same-key-twice' });
    await expect(repository.create({ name: 'second', key: 'wk_same-key-twice' })).rejects.toThrow('already exists');
  });

  it('finds a revoked key no more, and revokes once', async () => {
    const created = await repository.create({ name: 'to revoke' });
    await expect(repository.revoke(created.id)).resolves.toBe(true);
    await expect(repository.revoke(created.id)).resolves.toBe(false);
    await expect(repository.findActiveByHash(hashWriteKey(created.key))).resolves.toBeNull();
  });

  it('seeds development keys idempotently, and a revoked seed stays revoked', async () => {
    await expect(repository.seed(['dev-a', 'dev-b', 'dev-a'])).resolves.toBe(2);
    await expect(repository.seed(['dev-a', 'dev-b'])).resolves.toBe(0);
    const seeded = await repository.findActiveByHash(hashWriteKey('dev-a'));
    expect(seeded).toMatchObject({ id: `dev-${hashWriteKey('dev-a').slice(0, 16)}` });
    await repository.revoke(seeded!.id);
    await expect(repository.seed(['dev-a'])).resolves.toBe(0);
    await expect(repository.findActiveByHash(hashWriteKey('dev-a'))).resolves.toBeNull();
  });
});

