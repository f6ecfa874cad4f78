import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A lead's current score and stage in one projection generation (replays build a new one). */
@Entity({ name: 'lead_projections' })
export class LeadProjectionEntity {
  @PrimaryColumn({ type: 'integer' }) generation!: number;
  @PrimaryColumn({ name: 'lead_id', type: 'varchar', length: 128 }) leadId!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) score!: string;
  @Column({ name: 'fit_score', type: 'numeric', precision: 14, scale: 2 }) fitScore!: string;
  @Column({ name: 'engagement_score', type: 'numeric', precision: 14, scale: 2 }) engagementScore!: string;
  @Column({ type: 'char', length: 1 }) grade!: string;
  @Column({ type: 'varchar', length: 16 }) stage!: string;
  @Column({ name: 'rule_version', type: 'integer' }) ruleVersion!: number;
  @Column({ name: 'event_count', type: 'integer' }) eventCount!: number;
  @Column({ name: 'first_seen_at', type: 'timestamptz', nullable: true }) firstSeenAt!: Date | null;
  @Column({ name: 'last_activity_at', type: 'timestamptz', nullable: true }) lastActivityAt!: Date | null;
  @Column({ name: 'last_seq', type: 'bigint' }) lastSeq!: string;
  @Column({ type: 'jsonb' }) traits!: Record<string, unknown>;
  @Column({ type: 'jsonb' }) state!: Record<string, unknown>;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
