import { type Pool, type PoolClient } from 'pg';

/** The installation's currency (set by the first cost stored), or null before any. */
export async function readCurrency(db: Pool | PoolClient): Promise<string | null> {
  const result = await db.query<{ currency: string }>('SELECT currency FROM insight_currency WHERE id = 1');
  return result.rows[0]?.currency ?? null;
}

/**
 * Sets the currency if none is set yet, inside the caller's transaction, and answers the one in
 * force. Two first costs racing: the second INSERT waits for the first and then does nothing, and
 * both read the winner's.
 */
export async function claimCurrency(client: PoolClient, currency: string): Promise<string> {
  await client.query('INSERT INTO insight_currency (id, currency) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [currency]);
  return (await readCurrency(client))!;
}
