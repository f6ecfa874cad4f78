import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes of the ops API's lead list (GET /v1/leads). Not CONCURRENTLY: that waits for every older
 * snapshot in the database, including an app's `pg_advisory_lock` wait in migrate(), while the
 * lock holder waits for this migration — two apps starting together would hang.
 */
export class LeadListIndexes1764300000000 implements MigrationInterface {
  name = 'LeadListIndexes1764300000000';

  async up(db: QueryRunner): Promise<void> {
    // The live generation in list order (score DESC, lead_id), read as a keyset.
    await db.query(`CREATE INDEX lead_projections_list_order_idx ON lead_projections (generation, score DESC, lead_id)`);
    // ?source=: does this lead have an event from this source?
    await db.query(`CREATE INDEX lead_events_source_lead_idx ON lead_events (source, lead_id) WHERE source IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS lead_events_source_lead_idx');
    await db.query('DROP INDEX IF EXISTS lead_projections_list_order_idx');
  }
}
