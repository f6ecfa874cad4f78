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
  // Insights (libs/scoring milestones.ts): event times, first-touch source, revenue, outcome.
  @Column({ type: 'varchar', length: 128, nullable: true }) source!: string | null;
  @Column({ name: 'mql_at', type: 'timestamptz', nullable: true }) mqlAt!: Date | null;
  @Column({ name: 'sql_at', type: 'timestamptz', nullable: true }) sqlAt!: Date | null;
  @Column({ name: 'opportunity_at', type: 'timestamptz', nullable: true }) opportunityAt!: Date | null;
  @Column({ name: 'customer_at', type: 'timestamptz', nullable: true }) customerAt!: Date | null;
  @Column({ name: 'lost_at', type: 'timestamptz', nullable: true }) lostAt!: Date | null;
  @Column({ name: 'disqualified_at', type: 'timestamptz', nullable: true }) disqualifiedAt!: Date | null;
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true }) revenue!: string | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) outcome!: string | null;
  @Column({ name: 'outcome_peak_score', type: 'numeric', precision: 14, scale: 2, nullable: true }) outcomePeakScore!: string | null;
  @Column({ name: 'merged_into', type: 'varchar', length: 128, nullable: true }) mergedInto!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
