import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The event store, projections by generation, per-event audit, rule set versions and write keys. */
export class EventStore1763900000000 implements MigrationInterface {
  name = 'EventStore1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lead_events (
        seq bigserial PRIMARY KEY,
        event_id varchar(128) NOT NULL CONSTRAINT lead_events_event_id_key UNIQUE,
        lead_id varchar(128) NOT NULL,
        type varchar(64) NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        source varchar(128),
        properties jsonb NOT NULL DEFAULT '{}',
        traits jsonb,
        source_key_id varchar(64)
      )`);
    await db.query(`CREATE INDEX lead_events_lead_seq_idx ON lead_events (lead_id, seq)`);
    await db.query(`
      CREATE TABLE projection_generations (
        generation integer PRIMARY KEY,
        rule_version integer,
        status varchar(16) NOT NULL CHECK (status IN ('live', 'building', 'retired', 'failed')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX projection_generations_one_live ON projection_generations (status) WHERE status = 'live'`);
    await db.query(`INSERT INTO projection_generations (generation, status) VALUES (1, 'live')`);
    await db.query(`
      CREATE TABLE lead_projections (
        generation integer NOT NULL,
        lead_id varchar(128) NOT NULL,
        score numeric(14,2) NOT NULL,
        fit_score numeric(14,2) NOT NULL,
        engagement_score numeric(14,2) NOT NULL,
        grade char(1) NOT NULL,
        stage varchar(16) NOT NULL,
        rule_version integer NOT NULL,
        event_count integer NOT NULL,
        first_seen_at timestamptz,
        last_activity_at timestamptz,
        last_seq bigint NOT NULL,
        traits jsonb NOT NULL DEFAULT '{}',
        state jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (generation, lead_id)
      )`);
    await db.query(`CREATE INDEX lead_projections_stage_score_idx ON lead_projections (generation, stage, score DESC)`);
    await db.query(`
      CREATE TABLE score_audit (
        generation integer NOT NULL,
        seq bigint NOT NULL,
        event_id varchar(128) NOT NULL,
        lead_id varchar(128) NOT NULL,
        rule_version integer NOT NULL,
        points numeric(14,2) NOT NULL,
        reasons jsonb NOT NULL,
        score_after numeric(14,2) NOT NULL,
        stage_after varchar(16) NOT NULL,
        stage_change jsonb,
        promotion varchar(8),
        PRIMARY KEY (generation, seq)
      )`);
    await db.query(`CREATE INDEX score_audit_lead_idx ON score_audit (generation, lead_id, seq)`);
    await db.query(`
      CREATE TABLE rule_sets (
        version serial PRIMARY KEY,
        name varchar(128) NOT NULL,
        format varchar(8) NOT NULL,
        source_text text NOT NULL,
        definition jsonb NOT NULL,
        author varchar(128),
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        is_active boolean NOT NULL DEFAULT false
      )`);
    await db.query(`CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets (is_active) WHERE is_active`);
    await db.query(`
      CREATE TABLE write_keys (
        id varchar(64) PRIMARY KEY,
        name varchar(128) NOT NULL,
        key_hash char(64) NOT NULL CONSTRAINT write_keys_key_hash_key UNIQUE,
        key_prefix varchar(16) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['write_keys', 'rule_sets', 'score_audit', 'lead_projections', 'projection_generations', 'lead_events']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
