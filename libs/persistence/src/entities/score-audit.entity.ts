import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const PK = { primaryKeyConstraintName: 'score_audit_pkey' };

/** What one stored event did to its lead's score under one rule version: the explanation trail. */
@Entity({ name: 'score_audit' })
@Index('score_audit_lead_idx', ['generation', 'leadId', 'seq'])
export class ScoreAuditEntity {
  @PrimaryColumn({ type: 'integer', ...PK }) generation!: number;
  @PrimaryColumn({ type: 'bigint', ...PK }) seq!: string;
  @Column({ name: 'event_id', type: 'varchar', length: 128 }) eventId!: string;
  @Column({ name: 'lead_id', type: 'varchar', length: 128 }) leadId!: string;
  @Column({ name: 'rule_version', type: 'integer' }) ruleVersion!: number;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) points!: number;
  @Column({ type: 'jsonb' }) reasons!: unknown[];
  @Column({ name: 'score_after', type: 'numeric', precision: 14, scale: 2 }) scoreAfter!: number;
  @Column({ name: 'stage_after', type: 'varchar', length: 16 }) stageAfter!: string;
  @Column({ name: 'stage_change', type: 'jsonb', nullable: true }) stageChange!: unknown;
  @Column({ type: 'varchar', length: 8, nullable: true }) promotion!: string | null;
}
