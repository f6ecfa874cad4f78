import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

const PK = { primaryKeyConstraintName: 'lead_events_pkey' };

/**
 * The append-only event store: the source of truth. Rows are never updated or deleted. Every key
 * leads with the lead (migration 1764900000000-lead-first-keys), so the table can be hash-partitioned by it.
 */
@Entity({ name: 'lead_events' })
@Unique('lead_events_lead_id_event_id_key', ['leadId', 'eventId'])
@Index('lead_events_seq_idx', ['seq'])
@Index('lead_events_source_lead_idx', ['source', 'leadId'], { where: 'source IS NOT NULL' })
@Check('lead_events_producer_check', `producer IN ('public', 'admin', 'scheduler', 'scoring')`)
export class LeadEventEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'varchar', length: 128, ...PK }) leadId!: string;
  @PrimaryGeneratedColumn({ type: 'bigint', ...PK }) seq!: string;
  @Column({ name: 'event_id', type: 'varchar', length: 128 }) eventId!: string;
  @Column({ type: 'varchar', length: 64 }) type!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'stored_at', type: 'timestamptz', default: () => 'now()' }) storedAt!: Date;
  @Column({ type: 'varchar', length: 128, nullable: true }) source!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) properties!: Record<string, unknown>;
  @Column({ type: 'jsonb', nullable: true }) traits!: Record<string, unknown> | null;
  @Column({ name: 'source_key_id', type: 'varchar', length: 64, nullable: true }) sourceKeyId!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'public' }) producer!: string;
}
