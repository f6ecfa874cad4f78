import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Insights (docs/ops-api.md "Insights"): each projection's milestones, first-touch source, revenue and
 * outcome as columns the insights queries aggregate (the fold's `insights`, see libs/scoring
 * milestones.ts); marketing costs per source and month, in the one currency of the installation.
 * Rows projected before this have NULLs until a replay rebuilds them from the log.
 */
export class Insights1764700000000 implements MigrationInterface {
  name = 'Insights1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE lead_projections
        ADD COLUMN source varchar(128),
        ADD COLUMN mql_at timestamptz,
        ADD COLUMN sql_at timestamptz,
        ADD COLUMN opportunity_at timestamptz,
        ADD COLUMN customer_at timestamptz,
        ADD COLUMN lost_at timestamptz,
        ADD COLUMN disqualified_at timestamptz,
        ADD COLUMN revenue numeric(14,2),
        ADD COLUMN outcome varchar(8) CONSTRAINT lead_projections_outcome_check CHECK (outcome IN ('won', 'lost')),
        ADD COLUMN outcome_peak_score numeric(14,2),
        ADD COLUMN merged_into varchar(128)`);
    // The cohort of a window (leads first seen in it, merged ids left out), covering what the
    // insights queries read: an index-only scan, a fraction of the table's width (the state).
    await db.query(`
      CREATE INDEX lead_projections_cohort_idx ON lead_projections (generation, first_seen_at)
        INCLUDE (source, stage, score, mql_at, sql_at, opportunity_at, customer_at, revenue, outcome, outcome_peak_score)
        WHERE merged_into IS NULL`);
    // The medians read only the leads that reached mql, already in source order (no sort by source).
    await db.query(`
      CREATE INDEX lead_projections_cohort_mql_idx ON lead_projections (generation, source, first_seen_at)
        INCLUDE (mql_at, customer_at) WHERE merged_into IS NULL AND mql_at IS NOT NULL`);
    await db.query(`
      CREATE TABLE insight_costs (
        source varchar(128) NOT NULL,
        month date NOT NULL CONSTRAINT insight_costs_month_check CHECK (extract(day FROM month) = 1),
        amount numeric(14,2) NOT NULL CONSTRAINT insight_costs_amount_check CHECK (amount >= 0),
        currency char(3) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, month)
      )`);
    // One row: the installation's currency, set by the first cost stored.
    await db.query(`
      CREATE TABLE insight_currency (
        id smallint PRIMARY KEY DEFAULT 1 CONSTRAINT insight_currency_one_row CHECK (id = 1),
        currency char(3) NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS insight_currency');
    await db.query('DROP TABLE IF EXISTS insight_costs');
    await db.query('DROP INDEX IF EXISTS lead_projections_cohort_mql_idx');
    await db.query('DROP INDEX IF EXISTS lead_projections_cohort_idx');
    await db.query(`
      ALTER TABLE lead_projections DROP COLUMN source, DROP COLUMN mql_at, DROP COLUMN sql_at, DROP COLUMN opportunity_at,
        DROP COLUMN customer_at, DROP COLUMN lost_at, DROP COLUMN disqualified_at, DROP COLUMN revenue, DROP COLUMN outcome,
        DROP COLUMN outcome_peak_score, DROP COLUMN merged_into`);
  }
}
