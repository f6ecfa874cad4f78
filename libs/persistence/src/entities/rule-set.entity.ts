import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An immutable rule set version: the text as posted, its parsed definition, who and when. */
@Entity({ name: 'rule_sets' })
@Index('rule_sets_one_active', ['isActive'], { unique: true, where: 'is_active' })
export class RuleSetEntity {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'rule_sets_pkey' }) version!: number;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'varchar', length: 8 }) format!: 'yaml' | 'json';
  @Column({ name: 'source_text', type: 'text' }) sourceText!: string;
  @Column({ type: 'jsonb' }) definition!: unknown;
  @Column({ type: 'varchar', length: 128, nullable: true }) author!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true }) activatedAt!: Date | null;
  @Column({ name: 'is_active', type: 'boolean', default: false }) isActive!: boolean;
}
