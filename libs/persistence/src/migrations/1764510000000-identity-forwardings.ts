import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Identity merges of any history length: the batch that folds a merge marker records a job here
 * (copy `from_lead`'s history before `marker_seq` into `into_lead`), and the scoring worker's
 * history forwarder pages through it outside the consumer loop. `after_seq` is the cursor: every
 * copy of an event up to it has been acknowledged by Kafka. One row per merged lead: the first
 * merge wins. Unfinished merges take turns, page by page, in `updated_at` order.
 */
export class IdentityForwardings1764510000000 implements MigrationInterface {
  name = 'IdentityForwardings1764510000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity_forwardings (
        from_lead varchar(128) PRIMARY KEY,
        into_lead varchar(128) NOT NULL,
        marker_seq bigint NOT NULL,
        after_seq bigint NOT NULL DEFAULT 0,
        copies bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX identity_forwardings_pending_idx ON identity_forwardings (updated_at, from_lead) WHERE finished_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS identity_forwardings`);
  }
}
