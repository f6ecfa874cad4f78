import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { type WebhookDeliveryEntity } from './webhook-delivery.entity';

/** A promotion handed to sales: once per (lead, promotion, cause event), routed to a team member or unassigned. */
@Entity({ name: 'handoffs' })
@Unique('handoffs_once', ['leadId', 'promotion', 'causeEventId'])
@Index('handoffs_lead_idx', ['leadId', 'createdAt'])
@Index('handoffs_status_idx', ['status', 'createdAt', 'id'])
@Index('handoffs_member_idx', ['teamId', 'member'])
@Check('handoffs_status_check', `status IN ('pending', 'delivered', 'failed', 'unassigned')`)
export class HandoffEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'handoffs_pkey' }) id!: string;
  @Column({ name: 'lead_id', type: 'varchar', length: 128 }) leadId!: string;
  @Column({ type: 'varchar', length: 8 }) promotion!: 'mql' | 'sql';
  @Column({ name: 'cause_event_id', type: 'varchar', length: 128 }) causeEventId!: string;
  @Column({ name: 'team_id', type: 'varchar', length: 64, nullable: true }) teamId!: string | null;
  @Column({ type: 'varchar', length: 128, nullable: true }) member!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: 'pending' | 'delivered' | 'failed' | 'unassigned';
  @Column({ name: 'routing_version', type: 'integer', nullable: true }) routingVersion!: number | null;
  @Column({ type: 'jsonb' }) payload!: unknown;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  /** Its webhook outbox row (none for an unassigned handoff), when a query joins it (`leftJoinAndMapOne`); not a column. */
  delivery?: WebhookDeliveryEntity | null;
}
