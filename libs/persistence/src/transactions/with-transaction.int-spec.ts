import { type Pool } from 'pg';
import { migratedDatabase } from '@test/support/test-database';
import { createPgPool } from '../pg-pool';
import { beginTransaction, inTransaction, withTransaction } from './with-transaction';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

describe('transactions against PostgreSQL', () => {
  let pool: Pool;
  const count = async (): Promise<number> => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM tx_probe')).rows[0].n);

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_transactions'), 2);
    await pool.query('CREATE TABLE IF NOT EXISTS tx_probe (n int)');
  });
  beforeEach(() => pool.query('TRUNCATE tx_probe'));
  afterAll(() => pool.end());

  it('commits the work when it resolves and returns its result', async () => {
    const result = await withTransaction(pool, async (client) => (await client.query('INSERT INTO tx_probe VALUES (1) RETURNING n')).rows[0] as { n: number });
    expect(result).toEqual({ n: 1 });
    expect(await count()).toBe(1);
  });

  it('rolls the work back and rethrows when it throws', async () => {
    const failing = withTransaction(pool, async (client) => {
      await client.query('INSERT INTO tx_probe VALUES (1)');
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    expect(await count()).toBe(0);
  });

  it('refuses writes in a read-only mode', async () => {
    const write = withTransaction(pool, (client) => client.query('INSERT INTO tx_probe VALUES (1)'), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await expect(write).rejects.toThrow(/read-only transaction/);
    expect(await count()).toBe(0);
  });

  it('keeps the caller\'s connection usable after a rolled-back inTransaction', async () => {
    const client = await pool.connect();
    try {
      await expect(inTransaction(client, () => client.query('SELECT 1/0'))).rejects.toThrow(/division by zero/);
      await inTransaction(client, (db) => db.query('INSERT INTO tx_probe VALUES (2)'));
    } finally {
      client.release();
    }
    expect(await count()).toBe(1);
  });

  it('leaves an open transaction uncommitted until its owner commits it', async () => {
    const client = await pool.connect();
    try {
      const transaction = await beginTransaction(client);
      await client.query('INSERT INTO tx_probe VALUES (3)');
      expect(await count()).toBe(0);
      await transaction.commit();
      const second = await beginTransaction(client);
      await client.query('INSERT INTO tx_probe VALUES (4)');
      await second.rollback();
    } finally {
      client.release();
    }
    expect(await count()).toBe(1);
  });
});
