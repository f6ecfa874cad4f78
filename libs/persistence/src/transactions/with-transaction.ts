import type { Pool, PoolClient, QueryResult } from 'pg';

/** How a transaction begins: plain, or with an isolation level / read-only mode. */
export type TransactionMode =
  | 'BEGIN'
  | 'BEGIN READ ONLY'
  | 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'
  | 'BEGIN ISOLATION LEVEL REPEATABLE READ';

/** A transaction begun on a connection and ended later by its owner (for work that spans calls). */
export interface OpenTransaction {
  commit(): Promise<void>;
  /** Never throws: a rollback on a broken connection has nothing left to undo. */
  rollback(): Promise<void>;
}

/**
 * Runs `work` in one transaction on a connection of its own: COMMIT when it resolves, ROLLBACK
 * when it throws (the error is rethrown), the connection released either way. This file is the
 * one place that writes BEGIN / COMMIT / ROLLBACK.
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
export function inTransaction<T>(client: PoolClient, work: (client: PoolClient) => Promise<T>, mode: TransactionMode = 'BEGIN'): Promise<T> {
  return runInTransaction(client, async () => {
    await client.query(mode);
    return [];
  }, () => work(client));
}

/**
 * `withTransaction` whose BEGIN travels with the transaction's first statements: one round trip
 * for all of them (a simple query of several statements; under READ COMMITTED each still reads
 * with a snapshot of its own, taken when it starts). For a hot path whose every transaction opens
 * the same way. `opening` takes no parameters; `work` gets its statements' results, in order.
 */
export async function withTransactionOpening<T>(
  pool: Pool,
  opening: string,
  work: (client: PoolClient, opened: QueryResult[]) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    return await runInTransaction(client, async () => ((await client.query(`BEGIN; ${opening}`)) as unknown as QueryResult[]).slice(1), (opened) => work(client, opened));
  } finally {
    client.release();
  }
}

/** `begin` (BEGIN and whatever travels with it), then `work`: COMMIT when it resolves, ROLLBACK when either throws. */
async function runInTransaction<T>(client: PoolClient, begin: () => Promise<QueryResult[]>, work: (opened: QueryResult[]) => Promise<T>): Promise<T> {
  const transaction = transactionOn(client);
  try {
    const result = await work(await begin());
    await transaction.commit();
    return result;
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}

/**
 * Begins a transaction whose end the caller decides elsewhere (a replay page opens in one call
 * and commits in another). Prefer `withTransaction` / `inTransaction` whenever one function holds it.
 */
export async function beginTransaction(client: PoolClient, mode: TransactionMode = 'BEGIN'): Promise<OpenTransaction> {
  await client.query(mode);
  return transactionOn(client);
}

function transactionOn(client: PoolClient): OpenTransaction {
  return {
    commit: async () => {
      await client.query('COMMIT');
    },
    rollback: async () => {
      await client.query('ROLLBACK').catch(() => undefined);
    },
  };
}
