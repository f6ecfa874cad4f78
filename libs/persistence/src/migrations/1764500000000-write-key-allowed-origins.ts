import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The web origins a source's write key may be used from in a browser (`Origin` header); empty:
 * any origin. Checked by ingest on every browser call (apps/ingest README, "Browsers").
 */
export class WriteKeyAllowedOrigins1764500000000 implements MigrationInterface {
  name = 'WriteKeyAllowedOrigins1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE write_keys ADD COLUMN allowed_origins text[] NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE write_keys DROP COLUMN IF EXISTS allowed_origins`);
  }
}
