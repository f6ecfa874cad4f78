import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from 'typeorm';
import { HandoffEntity } from './handoff.entity';

/**
 * The webhook outbox: one row per assigned handoff, claimed under a lease (`lease_token` fences a
 * late attempt), retried on a schedule until delivered or failed.
 */
@Entity({ name: 'webhook_deliveries' })
@Unique('webhook_deliveries_handoff_id_key', ['handoffId'])
@Index('webhook_deliveries_due_idx', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('webhook_deliveries_team_due_idx', ['teamId', 'nextAttemptAt'], { where: `status = 'pending'` })
@Index('webhook_deliveries_team_leased_idx', ['teamId'], { where: `status = 'pending' AND lease_until IS NOT NULL` })
@Check('webhook_deliveries_status_check', `status IN ('pending', 'delivered', 'failed')`)
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'webhook_deliveries_pkey' }) id!: string;
  @Column({ name: 'handoff_id', type: 'uuid' }) handoffId!: string;
  // The foreign key; ManyToOne with the named unique constraint above rather than OneToOne, which adds a unique constraint of its own.
  @ManyToOne(() => HandoffEntity, { nullable: false, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'handoff_id', foreignKeyConstraintName: 'webhook_deliveries_handoff_id_fkey' })
  handoff?: Relation<HandoffEntity>;
  @Column({ name: 'team_id', type: 'varchar', length: 64 }) teamId!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 16 }) status!: 'pending' | 'delivered' | 'failed';
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true }) leaseUntil!: Date | null;
  @Column({ name: 'first_attempt_at', type: 'timestamptz', nullable: true }) firstAttemptAt!: Date | null;
  @Column({ name: 'last_status_code', type: 'integer', nullable: true }) lastStatusCode!: number | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'lease_token', type: 'uuid', nullable: true }) leaseToken!: string | null;
}
