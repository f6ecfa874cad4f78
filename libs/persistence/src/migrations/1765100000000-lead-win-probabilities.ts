import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The active model's win probability of each listed lead (docs/learned-scoring.md), kept by the
 * admin's refresher so the lead list can sort by it: one row per lead, computed by `model_id` from
 * the lead's events up to `last_seq` (its projection's when computed). A row of another model or an
 * older `last_seq` is stale and recomputed; an erasure deletes the row with the lead.
 */
export class LeadWinProbabilities1765100000000 implements MigrationInterface {
  name = 'LeadWinProbabilities1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lead_win_probabilities (
        lead_id varchar(128) PRIMARY KEY,
        model_id uuid NOT NULL,
        win_probability double precision NOT NULL,
        last_seq bigint NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The list by win probability walks it in order: the active model's rows, highest first, ties by lead id.
    await db.query('CREATE INDEX lead_win_probabilities_order_idx ON lead_win_probabilities (model_id, win_probability DESC, lead_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS lead_win_probabilities');
  }
}
