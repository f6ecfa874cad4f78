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
    // The claim takes each team's oldest due deliveries and counts its live leases: both per team.
    await db.query(`CREATE INDEX webhook_deliveries_team_due_idx ON webhook_deliveries (team_id, next_attempt_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX webhook_deliveries_team_leased_idx ON webhook_deliveries (team_id) WHERE status = 'pending' AND lease_until IS NOT NULL`);
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
    await db.query('DROP INDEX IF EXISTS webhook_deliveries_team_leased_idx');
    await db.query('DROP INDEX IF EXISTS webhook_deliveries_team_due_idx');
    await db.query('ALTER TABLE webhook_deliveries DROP COLUMN IF EXISTS lease_token');
  }
}
