import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Routing versions, team webhook secrets and counters, handoffs and their webhook outbox. */
export class Handoffs1764100000000 implements MigrationInterface {
  name = 'Handoffs1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE routing_versions (
        version serial PRIMARY KEY,
        definition jsonb NOT NULL,
        author varchar(128),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE routing_teams (
        team_id varchar(64) PRIMARY KEY,
        secret varchar(256) NOT NULL,
        round_robin_turn bigint NOT NULL DEFAULT 0,
        webhook_disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE handoffs (
        id uuid PRIMARY KEY,
        lead_id varchar(128) NOT NULL,
        promotion varchar(8) NOT NULL,
        cause_event_id varchar(128) NOT NULL,
        team_id varchar(64),
        member varchar(128),
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'unassigned')),
        routing_version integer,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT handoffs_once UNIQUE (lead_id, promotion, cause_event_id)
      )`);
    await db.query(`CREATE INDEX handoffs_lead_idx ON handoffs (lead_id, created_at)`);
    await db.query(`CREATE INDEX handoffs_status_idx ON handoffs (status, created_at, id)`);
    await db.query(`CREATE INDEX handoffs_member_idx ON handoffs (team_id, member)`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id varchar(64) PRIMARY KEY,
        handoff_id uuid NOT NULL UNIQUE REFERENCES handoffs (id),
        team_id varchar(64) NOT NULL,
        url text NOT NULL,
        body text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        first_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE webhook_deliveries');
    await db.query('DROP TABLE handoffs');
    await db.query('DROP TABLE routing_teams');
    await db.query('DROP TABLE routing_versions');
  }
}
