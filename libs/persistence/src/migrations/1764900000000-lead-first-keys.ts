import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Keys that lead with the lead, so the event store and the audit can be hash-partitioned by
 * `lead_id` (PostgreSQL declarative partitioning, then Citus): every primary key and unique
 * constraint of a partitioned table must hold the partition key (libs/persistence README, "Keyed by lead").
 * - lead_events: primary key (lead_id, seq), which also serves what lead_events_lead_seq_idx served;
 *   eventId unique per lead, (lead_id, event_id): a retry reaches the same lead (Kafka keys by
 *   leadId), and one lead's eventId can no longer pre-empt another lead's event (docs/guarantees.md).
 *   `seq` stays one global bigserial (order within a lead is by seq); the by-seq reads (replay
 *   catch-up, simulation, horizon, counts) get a plain index on it.
 * - score_audit: primary key (generation, lead_id, seq), which replaces score_audit_lead_idx: one
 *   index fewer on the table the worker writes a row to per event.
 * lead_projections (generation, lead_id), identity_forwardings (from_lead) and simulation_leads
 * (simulation_id, lead_id) already hold the lead in their keys.
 */
export class LeadFirstKeys1764900000000 implements MigrationInterface {
  name = 'LeadFirstKeys1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE lead_events
        DROP CONSTRAINT lead_events_pkey,
        ADD CONSTRAINT lead_events_pkey PRIMARY KEY (lead_id, seq),
        DROP CONSTRAINT lead_events_event_id_key,
        ADD CONSTRAINT lead_events_lead_id_event_id_key UNIQUE (lead_id, event_id)`);
    await db.query(`DROP INDEX lead_events_lead_seq_idx`);
    await db.query(`CREATE INDEX lead_events_seq_idx ON lead_events (seq)`);
    await db.query(`
      ALTER TABLE score_audit
        DROP CONSTRAINT score_audit_pkey,
        ADD CONSTRAINT score_audit_pkey PRIMARY KEY (generation, lead_id, seq)`);
    await db.query(`DROP INDEX score_audit_lead_idx`);
  }

  /** Refused (a unique violation) once two leads store the same eventId: the old key cannot hold that store. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX score_audit_lead_idx ON score_audit (generation, lead_id, seq)`);
    await db.query(`ALTER TABLE score_audit DROP CONSTRAINT score_audit_pkey, ADD CONSTRAINT score_audit_pkey PRIMARY KEY (generation, seq)`);
    await db.query(`DROP INDEX lead_events_seq_idx`);
    await db.query(`CREATE INDEX lead_events_lead_seq_idx ON lead_events (lead_id, seq)`);
    await db.query(`
      ALTER TABLE lead_events
        DROP CONSTRAINT lead_events_lead_id_event_id_key,
        ADD CONSTRAINT lead_events_event_id_key UNIQUE (event_id),
        DROP CONSTRAINT lead_events_pkey,
        ADD CONSTRAINT lead_events_pkey PRIMARY KEY (seq)`);
  }
}
