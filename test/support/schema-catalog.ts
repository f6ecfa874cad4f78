import { type DataSource } from 'typeorm';

/**
 * A schema as PostgreSQL itself prints it (columns, `pg_get_indexdef`, `pg_get_constraintdef`), one
 * line per object, sorted: two databases built differently compare line by line, including what
 * TypeORM's schema builder does not compare (index column order and predicates, check expressions).
 */
export interface SchemaCatalog {
  columns: string[];
  indexes: string[];
  constraints: string[];
}

export async function readSchemaCatalog(db: DataSource, tables: readonly string[]): Promise<SchemaCatalog> {
  const rows = async (sql: string): Promise<string[]> => (await db.query<Array<{ line: string }>>(sql, [tables])).map((row) => row.line).sort();
  return {
    columns: await rows(`
      SELECT format('%s.%s %s(%s,%s,%s) %s default %s', table_name, column_name, udt_name, character_maximum_length, numeric_precision,
                    numeric_scale, CASE is_nullable WHEN 'YES' THEN 'null' ELSE 'not null' END,
                    -- TypeORM writes a number default quoted ('0'::bigint), a migration bare (0): the same value.
                    coalesce(regexp_replace(column_default, '^''(-?[0-9]+)''::(bigint|smallint|integer)$', '\\1'), '-')) AS line
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY($1)`),
    indexes: await rows(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1)`),
    constraints: await rows(`
      SELECT format('%s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS line
        FROM pg_constraint WHERE conrelid::regclass::text = ANY($1)`),
  };
}

/** Every table of the database, sorted. */
export async function publicTables(db: DataSource): Promise<string[]> {
  return (await db.query<Array<{ tablename: string }>>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((row) => row.tablename).sort();
}

/** What TypeORM's schema builder would run to bring the database to the entities: nothing when they agree. */
export async function pendingSchemaChanges(db: DataSource): Promise<string[]> {
  return (await db.driver.createSchemaBuilder().log()).upQueries.map((query) => query.query);
}
