import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Provenance of every stored event (libs/contracts reserved-events.ts): `public` (a write key) or
 * the internal producer that wrote it; the fold honours a reserved type only from its producer.
 * Existing rows, as far as the store proves it (the types as they were when this ran):
 * - a reserved type without a write key came from its internal producer (the old ingest always
 *   recorded the key, the old internal producers never did);
 * - an identity_merged marker carries the key of the public alias/identify that caused it: it
 *   is the scoring worker's when that link is in the store, on the lead it merges into, linking
 *   this lead, and the marker's id is the one the worker derives from it;
 * - everything else is public, so an event forged through a public route before the fix acts as
 *   nothing from now on, live and under replay.
 */
export class EventProvenance1764520000000 implements MigrationInterface {
  name = 'EventProvenance1764520000000';

  async up(db: QueryRunner): Promise<void> {
    // A constant default adds the column without rewriting the table; rows are then fixed up.
    await db.query(`
      ALTER TABLE lead_events ADD COLUMN producer varchar(16) NOT NULL DEFAULT 'public'
        CONSTRAINT lead_events_producer_check CHECK (producer IN ('public', 'admin', 'scheduler', 'scoring'))`);
    await db.query(`
      UPDATE lead_events SET producer = CASE type
          WHEN 'sales_feedback' THEN 'admin' WHEN 'inactivity_tick' THEN 'scheduler' ELSE 'scoring' END
       WHERE source_key_id IS NULL AND type IN ('sales_feedback', 'inactivity_tick', 'identity_merged')`);
    await db.query(`
      UPDATE lead_events m SET producer = 'scoring'
       WHERE m.type = 'identity_merged' AND m.source_key_id IS NOT NULL
         AND m.event_id IN ('merge:' || (m.properties->>'linkEventId'),
                            'merge:' || left(encode(sha256(convert_to(m.properties->>'linkEventId', 'UTF8')), 'hex'), 40))
         AND EXISTS (
           SELECT 1 FROM lead_events l
            WHERE l.event_id = m.properties->>'linkEventId' AND l.lead_id = m.properties->>'into'
              AND ((l.type = 'alias' AND l.properties->>'previousId' = m.lead_id)
                OR (l.type = 'identify' AND l.properties->>'anonymousId' = m.lead_id)))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE lead_events DROP COLUMN IF EXISTS producer`);
  }
}
