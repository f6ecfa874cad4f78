import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The append-only event store: the source of truth. Rows are never updated or deleted. */
@Entity({ name: 'lead_events' })
@Unique('lead_events_event_id_key', ['eventId'])
@Index('lead_events_lead_seq_idx', ['leadId', 'seq'])
@Index('lead_events_source_lead_idx', ['source', 'leadId'], { where: 'source IS NOT NULL' })
@Check('lead_events_producer_check', `producer IN ('public', 'admin', 'scheduler', 'scoring')`)
export class LeadEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'lead_events_pkey' }) seq!: string;
  @Column({ name: 'event_id', type: 'varchar', length: 128 }) eventId!: string;
  @Column({ name: 'lead_id', type: 'varchar', length: 128 }) leadId!: string;
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
