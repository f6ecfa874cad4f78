import { type Pool } from 'pg';
import { migratedDatabase } from '@test/support/test-database';
import { createPgPool } from '../pg-pool';
import { beginTransaction, inTransaction, withTransaction, withTransactionOpening } from './with-transaction';

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

  it('opens with its first statements in the BEGIN\'s round trip, hands over their results, and commits', async () => {
    const result = await withTransactionOpening(pool, 'SELECT 41 + 1 AS n', async (client, [opened]) => {
      await client.query('INSERT INTO tx_probe VALUES (1)');
      return opened.rows[0].n as number;
    });
    expect(result).toBe(42);
    expect(await count()).toBe(1);
  });

  it('rolls back when the opening fails, leaving no aborted transaction on the pooled connection', async () => {
    await expect(withTransactionOpening(pool, 'SELECT 1 / 0', async () => 'never')).rejects.toThrow(/division by zero/);
    for (let i = 0; i < 3; i++) await withTransaction(pool, (client) => client.query('INSERT INTO tx_probe VALUES (1)'));
    expect(await count()).toBe(3);
  });

  it('reads, in a later statement of the opening, what the transaction it waited for committed (a snapshot per statement)', async () => {
    const holder = await pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(424242)');
      await holder.query('INSERT INTO tx_probe VALUES (7)');
      const seen = withTransactionOpening(pool, 'SELECT pg_advisory_xact_lock_shared(424242); SELECT count(*)::int AS n FROM tx_probe',
        async (_client, [, counted]) => counted.rows[0].n as number);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await holder.query('COMMIT');
      expect(await seen).toBe(1);
    } finally {
      holder.release();
    }
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
