import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Learned scoring (docs/learned-scoring.md): a training job per row, then the model it produced.
 * `model` is the serialised logistic regression (libs/learning serializeModel), valid only for
 * `feature_spec_version` and read with the rule set `rules_version` that derived its features.
 * At most one model is active, as with rule sets.
 */
export class Models1765000000000 implements MigrationInterface {
  name = 'Models1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE models (
        id uuid PRIMARY KEY,
        status varchar(16) NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        window_from timestamptz NOT NULL,
        window_to timestamptz NOT NULL,
        seed integer NOT NULL,
        rules_version integer NOT NULL,
        feature_spec_version integer NOT NULL,
        processed bigint NOT NULL DEFAULT 0,
        total bigint NOT NULL DEFAULT 0,
        reason text,
        result jsonb,
        model text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        activated_at timestamptz,
        is_active boolean NOT NULL DEFAULT false
      )`);
    await db.query(`CREATE UNIQUE INDEX models_one_active ON models (is_active) WHERE is_active`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS models');
  }
}
