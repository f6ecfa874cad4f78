import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Erasure jobs (GDPR art. 17). While an erasure runs, `lead_ids` names the ids it erases (the
 * lead and every id merged into it), so a restarted admin resumes it; once done they are
 * replaced by their sha256 (`id_hashes`), which the DLQ reader uses to hide the lead's dead
 * letters. `phase` is the resume point: `sweep` (first delete pass), `drain` (wait until the
 * consumers passed what was in flight, `watermarks`), then `done`.
 */
export class Erasures1764710000000 implements MigrationInterface {
  name = 'Erasures1764710000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE erasures (
        id uuid PRIMARY KEY,
        subject_hash char(64) NOT NULL,
        lead_ids text[] NOT NULL DEFAULT '{}',
        id_hashes text[] NOT NULL DEFAULT '{}',
        phase varchar(16) NOT NULL CHECK (phase IN ('sweep', 'drain', 'done')),
        watermarks jsonb,
        deleted jsonb NOT NULL DEFAULT '{}',
        requested_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX erasures_unfinished_idx ON erasures (requested_at) WHERE phase <> 'done'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS erasures');
  }
}
