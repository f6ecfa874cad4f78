import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A replay job: rebuilds a projection generation under a rule version, then switches to it.
 * `replays_one_running` (one replay at a time) indexes the expression `(true)`, which TypeORM
 * cannot declare: the migration owns it (`synchronize: false`).
 */
@Entity({ name: 'replays' })
@Index('replays_one_running', { synchronize: false })
@Check('replays_status_check', `status IN ('running', 'catching_up', 'switched', 'failed')`)
export class ReplayEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'replays_pkey' }) id!: string;
  @Column({ name: 'rules_version', type: 'integer' }) rulesVersion!: number;
  @Column({ type: 'integer' }) generation!: number;
  @Column({ type: 'varchar', length: 16 }) status!: 'running' | 'catching_up' | 'switched' | 'failed';
  @Column({ type: 'bigint', default: 0 }) processed!: string;
  @Column({ type: 'bigint', default: 0 }) total!: string;
  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' }) startedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
}
