import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which projection generation is live; a replay builds a new one and switches atomically. */
@Entity({ name: 'projection_generations' })
export class ProjectionGenerationEntity {
  @PrimaryColumn({ type: 'integer' }) generation!: number;
  @Column({ name: 'rule_version', type: 'integer', nullable: true }) ruleVersion!: number | null;
  @Column({ type: 'varchar', length: 16 }) status!: 'live' | 'building' | 'retired' | 'failed';
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
