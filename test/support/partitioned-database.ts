import { Client } from 'pg';

/** The tables a lead's data lives in, hash-partitioned by lead_id in the scale-out layout (libs/persistence README, "Keyed by lead"). */
export const LEAD_PARTITIONED_TABLES = ['lead_events', 'score_audit', 'lead_projections'] as const;
export const LEAD_HASH_PARTITIONS = 8;

/**
 * Turns each table of a migrated database into a table of the same name, columns, defaults,
 * checks, keys and indexes, declaratively HASH-partitioned by lead_id into `partitions` tables
 * (`{table}_p0` …), its rows moved in; in one transaction. What PostgreSQL and Citus require of
 * it (every key holds the partition key) is what migration 1764900000000-lead-first-keys gave.
 * Generic on purpose: a column or index a later migration adds comes along.
 */
export async function partitionByLead(url: string, options: { tables?: readonly string[]; partitions?: number } = {}): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const table of options.tables ?? LEAD_PARTITIONED_TABLES) await partitionTable(client, table, options.partitions ?? LEAD_HASH_PARTITIONS);
    await client.query('COMMIT');
    for (const table of options.tables ?? LEAD_PARTITIONED_TABLES) await client.query(`ANALYZE ${table}`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function partitionTable(client: Client, table: string, partitions: number): Promise<void> {
  const twin = `${table}_by_lead`;
  // Keys and indexes are recreated on the twin under their own names once the table is gone.
  const keys = await lines(client, `
    SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS line
      FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`, [table]);
  const indexes = await lines(client, `
    SELECT pg_get_indexdef(i.indexrelid) AS line FROM pg_index i
     WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`, [table]);
  const foreign = await lines(client, `SELECT conname AS line FROM pg_constraint WHERE contype = 'f' AND (conrelid = $1::regclass OR confrelid = $1::regclass)`, [table]);
  if (foreign.length > 0) throw new Error(`${table} has foreign keys (${foreign.join(', ')}): not handled here`);
  // The sequences a column owns (lead_events.seq) would go with the table: the twin owns them.
  const sequences = await lines(client, `
    SELECT format('ALTER SEQUENCE %s OWNED BY %I.%I', s.oid::regclass, $2::text, a.attname) AS line
      FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
      JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
     WHERE d.refobjid = $1::regclass AND d.classid = 'pg_class'::regclass AND d.deptype = 'a'`, [table, twin]);

  await client.query(`CREATE TABLE ${twin} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE) PARTITION BY HASH (lead_id)`);
  for (let remainder = 0; remainder < partitions; remainder++) {
    await client.query(`CREATE TABLE ${table}_p${remainder} PARTITION OF ${twin} FOR VALUES WITH (MODULUS ${partitions}, REMAINDER ${remainder})`);
  }
  await client.query(`INSERT INTO ${twin} SELECT * FROM ${table}`);
  for (const statement of sequences) await client.query(statement);
  await client.query(`DROP TABLE ${table}`);
  await client.query(`ALTER TABLE ${twin} RENAME TO ${table}`);
  for (const statement of [...keys, ...indexes]) await client.query(statement);
}

async function lines(client: Client, sql: string, params: unknown[]): Promise<string[]> {
  return (await client.query<{ line: string }>(sql, params)).rows.map((row) => row.line);
}

/** The partitions of `table` a statement's plan reads or writes (EXPLAIN, with its parameters bound): one when it is keyed by one lead. */
export async function partitionsInPlan(client: Pick<Client, 'query'>, table: string, sql: string, params: unknown[]): Promise<string[]> {
  const plan = (await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'];
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Relation Name' && typeof value === 'string' && new RegExp(`^${table}_p\\d+$`).test(value)) names.add(value);
        else visit(value);
      }
    }
  };
  visit(plan);
  return [...names].sort();
}
