import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

const PK = { primaryKeyConstraintName: 'lead_projections_pkey' };

/**
 * A lead's current score and stage in one projection generation (replays build a new one).
 * Four indexes are the migrations' alone (`synchronize: false`): TypeORM cannot say `score DESC`
 * (stage/score and list order) nor `INCLUDE (…)` (the insights cohorts, migration 1764700000000).
 */
@Entity({ name: 'lead_projections' })
@Index('lead_projections_stage_score_idx', { synchronize: false })
@Index('lead_projections_list_order_idx', { synchronize: false })
@Index('lead_projections_cohort_idx', { synchronize: false })
@Index('lead_projections_cohort_mql_idx', { synchronize: false })
@Index('lead_projections_merged_into_idx', ['mergedInto'], { where: 'merged_into IS NOT NULL' })
@Check('lead_projections_outcome_check', `outcome IN ('won', 'lost')`)
export class LeadProjectionEntity {
  @PrimaryColumn({ type: 'integer', ...PK }) generation!: number;
  @PrimaryColumn({ name: 'lead_id', type: 'varchar', length: 128, ...PK }) leadId!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) score!: number;
  @Column({ name: 'fit_score', type: 'numeric', precision: 14, scale: 2 }) fitScore!: number;
  @Column({ name: 'engagement_score', type: 'numeric', precision: 14, scale: 2 }) engagementScore!: number;
  @Column({ type: 'char', length: 1 }) grade!: string;
  @Column({ type: 'varchar', length: 16 }) stage!: string;
  @Column({ name: 'rule_version', type: 'integer' }) ruleVersion!: number;
  @Column({ name: 'event_count', type: 'integer' }) eventCount!: number;
  @Column({ name: 'first_seen_at', type: 'timestamptz', nullable: true }) firstSeenAt!: Date | null;
  @Column({ name: 'last_activity_at', type: 'timestamptz', nullable: true }) lastActivityAt!: Date | null;
  @Column({ name: 'last_seq', type: 'bigint' }) lastSeq!: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) traits!: Record<string, unknown>;
  @Column({ type: 'json' }) state!: Record<string, unknown>;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  // Insights (libs/scoring milestones.ts): event times, first-touch source, revenue, outcome.
  @Column({ type: 'varchar', length: 128, nullable: true }) source!: string | null;
  @Column({ name: 'mql_at', type: 'timestamptz', nullable: true }) mqlAt!: Date | null;
  @Column({ name: 'sql_at', type: 'timestamptz', nullable: true }) sqlAt!: Date | null;
  @Column({ name: 'opportunity_at', type: 'timestamptz', nullable: true }) opportunityAt!: Date | null;
  @Column({ name: 'customer_at', type: 'timestamptz', nullable: true }) customerAt!: Date | null;
  @Column({ name: 'lost_at', type: 'timestamptz', nullable: true }) lostAt!: Date | null;
  @Column({ name: 'disqualified_at', type: 'timestamptz', nullable: true }) disqualifiedAt!: Date | null;
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true }) revenue!: number | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) outcome!: 'won' | 'lost' | null;
  @Column({ name: 'outcome_peak_score', type: 'numeric', precision: 14, scale: 2, nullable: true }) outcomePeakScore!: number | null;
  @Column({ name: 'merged_into', type: 'varchar', length: 128, nullable: true }) mergedInto!: string | null;
}
