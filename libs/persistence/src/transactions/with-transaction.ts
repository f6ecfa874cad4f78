import type { Pool, PoolClient } from 'pg';

/** How a transaction begins: plain, or with an isolation level / read-only mode. */
export type TransactionMode = 'BEGIN' | 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' | 'BEGIN ISOLATION LEVEL REPEATABLE READ';

/**
 * Runs `work` in one transaction on a connection of its own: COMMIT when it resolves, ROLLBACK
 * when it throws (the error is rethrown), the connection released either way. The one place that
 * writes BEGIN / COMMIT / ROLLBACK for a pooled connection.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, mode: TransactionMode = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, work, mode);
  } finally {
    client.release();
  }
}

/** The same on a connection the caller holds (and releases): for callers that keep one connection across transactions. */
export async function inTransaction<T>(client: PoolClient, work: (client: PoolClient) => Promise<T>, mode: TransactionMode = 'BEGIN'): Promise<T> {
  await client.query(mode);
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
