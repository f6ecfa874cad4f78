import { Column, Entity, PrimaryColumn } from 'typeorm';

const PK = { primaryKeyConstraintName: 'score_audit_pkey' };

/**
 * What one stored event did to its lead's score under one rule version: the explanation trail.
 * The primary key is also the lead's trail in order (a timeline page, an erasure), and holds the lead for partitioning.
 */
@Entity({ name: 'score_audit' })
export class ScoreAuditEntity {
  @PrimaryColumn({ type: 'integer', ...PK }) generation!: number;
  @PrimaryColumn({ name: 'lead_id', type: 'varchar', length: 128, ...PK }) leadId!: string;
  @PrimaryColumn({ type: 'bigint', ...PK }) seq!: string;
  @Column({ name: 'event_id', type: 'varchar', length: 128 }) eventId!: string;
  @Column({ name: 'rule_version', type: 'integer' }) ruleVersion!: number;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) points!: number;
  @Column({ type: 'jsonb' }) reasons!: unknown[];
  @Column({ name: 'score_after', type: 'numeric', precision: 14, scale: 2 }) scoreAfter!: number;
  @Column({ name: 'stage_after', type: 'varchar', length: 16 }) stageAfter!: string;
  @Column({ name: 'stage_change', type: 'jsonb', nullable: true }) stageChange!: unknown;
  @Column({ type: 'varchar', length: 8, nullable: true }) promotion!: string | null;
}
