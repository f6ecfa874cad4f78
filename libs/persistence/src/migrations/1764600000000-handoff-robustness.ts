import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Handoff robustness: a lease token on each delivery (a webhook attempt that outlived its lease
 * cannot record over a later claim's outcome), and the promotions parked until their cause event
 * commits (instead of dropping them after a wait).
 */
export class HandoffRobustness1764600000000 implements MigrationInterface {
  name = 'HandoffRobustness1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_deliveries ADD COLUMN lease_token uuid`);
    await db.query(`
      CREATE TABLE parked_promotions (
        id bigserial PRIMARY KEY,
        lead_id varchar(128) NOT NULL,
        promotion varchar(8) NOT NULL,
        cause_event_id varchar(128) NOT NULL,
        message jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'parked' CHECK (status IN ('parked', 'abandoned')),
        parked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT parked_promotions_once UNIQUE (lead_id, promotion, cause_event_id)
      )`);
    await db.query(`CREATE INDEX parked_promotions_lead_idx ON parked_promotions (lead_id, id) WHERE status = 'parked'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE parked_promotions');
    await db.query('ALTER TABLE webhook_deliveries DROP COLUMN IF EXISTS lease_token');
  }
}
