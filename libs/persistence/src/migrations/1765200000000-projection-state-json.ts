import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A lead's fold state (`lead_projections.state`) becomes `json`: only the scoring worker and a
 * replay write it, and the fold reads it back whole, so PostgreSQL need not parse its ~80 numbers
 * into numerics on every write (jsonb did: a third of the upsert's time). Nothing queries inside
 * it any more: the one field SQL read, mergedInto, is the `merged_into` column (filled here for
 * rows stored before that column existed), with a partial index for the identity walk of privacy.
 * Rewrites the table once (an ALTER … TYPE).
 */
export class ProjectionStateJson1765200000000 implements MigrationInterface {
  name = 'ProjectionStateJson1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE lead_projections SET merged_into = state->>'mergedInto' WHERE merged_into IS NULL AND state->>'mergedInto' IS NOT NULL`);
    await db.query('ALTER TABLE lead_projections ALTER COLUMN state TYPE json USING state::json');
    await db.query('CREATE INDEX lead_projections_merged_into_idx ON lead_projections (merged_into) WHERE merged_into IS NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS lead_projections_merged_into_idx');
    await db.query('ALTER TABLE lead_projections ALTER COLUMN state TYPE jsonb USING state::jsonb');
  }
}
