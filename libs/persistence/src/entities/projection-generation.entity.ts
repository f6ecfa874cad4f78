import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Which projection generation is live; a replay builds a new one and switches atomically. */
@Entity({ name: 'projection_generations' })
@Index('projection_generations_one_live', ['status'], { unique: true, where: `status = 'live'` })
@Check('projection_generations_status_check', `status IN ('live', 'building', 'retired', 'failed')`)
export class ProjectionGenerationEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'projection_generations_pkey' }) generation!: number;
  @Column({ name: 'rule_version', type: 'integer', nullable: true }) ruleVersion!: number | null;
  @Column({ type: 'varchar', length: 16 }) status!: 'live' | 'building' | 'retired' | 'failed';
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
