import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Background jobs of the ops API: replays (rebuild a generation) and simulations (what-if). */
export class ReplayJobs1764200000000 implements MigrationInterface {
  name = 'ReplayJobs1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE replays (
        id uuid PRIMARY KEY,
        rules_version integer NOT NULL,
        generation integer NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('running', 'catching_up', 'switched', 'failed')),
        processed bigint NOT NULL DEFAULT 0,
        total bigint NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        error text
      )`);
    // One replay at a time: two would race for the switch.
    await db.query(`CREATE UNIQUE INDEX replays_one_running ON replays ((true)) WHERE status IN ('running', 'catching_up')`);
    await db.query(`
      CREATE TABLE simulations (
        id uuid PRIMARY KEY,
        rules_version integer NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        processed bigint NOT NULL DEFAULT 0,
        total bigint NOT NULL DEFAULT 0,
        result jsonb,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE simulation_leads (
        simulation_id uuid NOT NULL REFERENCES simulations (id) ON DELETE CASCADE,
        lead_id varchar(128) NOT NULL,
        before jsonb,
        after jsonb NOT NULL,
        PRIMARY KEY (simulation_id, lead_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['simulation_leads', 'simulations', 'replays']) await db.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
