import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What one stored event did to its lead's score under one rule version: the explanation trail. */
@Entity({ name: 'score_audit' })
export class ScoreAuditEntity {
  @PrimaryColumn({ type: 'integer' }) generation!: number;
  @PrimaryColumn({ type: 'bigint' }) seq!: string;
  @Column({ name: 'event_id', type: 'varchar', length: 128 }) eventId!: string;
  @Column({ name: 'lead_id', type: 'varchar', length: 128 }) leadId!: string;
  @Column({ name: 'rule_version', type: 'integer' }) ruleVersion!: number;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) points!: string;
  @Column({ type: 'jsonb' }) reasons!: unknown[];
  @Column({ name: 'score_after', type: 'numeric', precision: 14, scale: 2 }) scoreAfter!: string;
  @Column({ name: 'stage_after', type: 'varchar', length: 16 }) stageAfter!: string;
  @Column({ name: 'stage_change', type: 'jsonb', nullable: true }) stageChange!: unknown;
  @Column({ type: 'varchar', length: 8, nullable: true }) promotion!: string | null;
}
