import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A learned-scoring training job and, once done, its model (libs/learning), activated like a rule set. */
@Entity({ name: 'models' })
@Check('models_status_check', `status IN ('running', 'done', 'failed')`)
@Index('models_one_active', ['isActive'], { unique: true, where: 'is_active' })
export class ModelEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'models_pkey' }) id!: string;
  @Column({ type: 'varchar', length: 16 }) status!: 'running' | 'done' | 'failed';
  @Column({ name: 'window_from', type: 'timestamptz' }) windowFrom!: Date;
  @Column({ name: 'window_to', type: 'timestamptz' }) windowTo!: Date;
  @Column({ type: 'integer' }) seed!: number;
  @Column({ name: 'rules_version', type: 'integer' }) rulesVersion!: number;
  @Column({ name: 'feature_spec_version', type: 'integer' }) featureSpecVersion!: number;
  @Column({ type: 'bigint', default: 0 }) processed!: string;
  @Column({ type: 'bigint', default: 0 }) total!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'jsonb', nullable: true }) result!: unknown;
  @Column({ type: 'text', nullable: true }) model!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true }) activatedAt!: Date | null;
  @Column({ name: 'is_active', type: 'boolean', default: false }) isActive!: boolean;
}
