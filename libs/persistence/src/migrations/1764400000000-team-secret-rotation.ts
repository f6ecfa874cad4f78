import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Webhook secret rotation (POST /v1/routing/teams/{id}/rotate-secret): the secret a rotation
 * replaced, and until when deliveries still carry its signature beside the new one's.
 */
export class TeamSecretRotation1764400000000 implements MigrationInterface {
  name = 'TeamSecretRotation1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE routing_teams ADD COLUMN previous_secret varchar(256), ADD COLUMN previous_secret_until timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE routing_teams DROP COLUMN IF EXISTS previous_secret_until, DROP COLUMN IF EXISTS previous_secret`);
  }
}
