import { Pool } from 'pg';
import { activateRuleSet, createDataSource, insertRuleSet, migrate } from '@leadscore/persistence';
import { parseRuleSet } from '@leadscore/scoring';

/** Migrates a fresh database and makes `yaml` its active rule set, before any app starts. */
export async function seedRuleSet(databaseUrl: string, yaml: string): Promise<number> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  await migrate(dataSource);
  await dataSource.destroy();
  const parsed = parseRuleSet(yaml, 'yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const pool = new Pool({ connectionString: databaseUrl });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const version = await insertRuleSet(client, { name: parsed.definition.name, format: 'yaml', sourceText: yaml, definition: parsed.definition, author: 'test' });
    await activateRuleSet(client, version);
    await client.query('COMMIT');
    return version;
  } finally {
    client.release();
    await pool.end();
  }
}
