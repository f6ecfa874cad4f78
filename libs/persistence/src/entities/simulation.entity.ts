import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A what-if job: every lead folded under another rule version, without touching the live projection. */
@Entity({ name: 'simulations' })
@Check('simulations_status_check', `status IN ('running', 'done', 'failed')`)
export class SimulationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'simulations_pkey' }) id!: string;
  @Column({ name: 'rules_version', type: 'integer' }) rulesVersion!: number;
  @Column({ type: 'varchar', length: 16 }) status!: 'running' | 'done' | 'failed';
  @Column({ type: 'bigint', default: 0 }) processed!: string;
  @Column({ type: 'bigint', default: 0 }) total!: string;
  @Column({ type: 'jsonb', nullable: true }) result!: unknown;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' }) startedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
