import { Pool, types } from 'pg';
import { type HealthCheck } from '@leadscore/observability';

// bigint (int8) stays a string (seq can pass 2^53); numeric (scores) is parsed to a number.
types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));

/** The `pg` pool the hot paths use directly (unnest-array statements, one transaction per batch). */
export function createPgPool(databaseUrl: string, max = 4): Pool {
  return new Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30000 });
}

export function postgresHealthCheck(pool: Pool): HealthCheck {
  return { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) };
}
