import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Scoped ops API tokens (stored as their SHA-256, like write keys) and the ops audit log. The log is
 * append-only in the database itself: triggers refuse UPDATE, DELETE and TRUNCATE whoever asks.
 */
export class ApiTokensAndOpsAudit1764720000000 implements MigrationInterface {
  name = 'ApiTokensAndOpsAudit1764720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_tokens (
        id varchar(64) PRIMARY KEY,
        name varchar(128) NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        token_prefix varchar(16) NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE ops_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        token_id varchar(64) NOT NULL,
        token_name varchar(128) NOT NULL,
        request_id varchar(64) NOT NULL,
        kind varchar(64) NOT NULL,
        details jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX ops_audit_token_idx ON ops_audit (token_id, id)`);
    await db.query(`CREATE INDEX ops_audit_kind_idx ON ops_audit (kind, id)`);
    await db.query(`CREATE INDEX ops_audit_at_idx ON ops_audit (at)`);
    await db.query(`
      CREATE FUNCTION ops_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ops_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER ops_audit_append_only BEFORE UPDATE OR DELETE ON ops_audit FOR EACH ROW EXECUTE FUNCTION ops_audit_refuse_change()`);
    await db.query(`CREATE TRIGGER ops_audit_no_truncate BEFORE TRUNCATE ON ops_audit FOR EACH STATEMENT EXECUTE FUNCTION ops_audit_refuse_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE ops_audit');
    await db.query('DROP FUNCTION ops_audit_refuse_change()');
    await db.query('DROP TABLE api_tokens');
  }
}
