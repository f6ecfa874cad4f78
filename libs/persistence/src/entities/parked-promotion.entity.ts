import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A promotion that waits for its cause event to commit (or was abandoned when it never did). */
@Entity({ name: 'parked_promotions' })
@Unique('parked_promotions_once', ['leadId', 'promotion', 'causeEventId'])
@Index('parked_promotions_lead_idx', ['leadId', 'id'], { where: `status = 'parked'` })
@Check('parked_promotions_status_check', `status IN ('parked', 'abandoned')`)
export class ParkedPromotionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'parked_promotions_pkey' }) id!: string;
  @Column({ name: 'lead_id', type: 'varchar', length: 128 }) leadId!: string;
  @Column({ type: 'varchar', length: 8 }) promotion!: string;
  @Column({ name: 'cause_event_id', type: 'varchar', length: 128 }) causeEventId!: string;
  @Column({ type: 'jsonb' }) message!: unknown;
  @Column({ type: 'varchar', length: 16, default: 'parked' }) status!: 'parked' | 'abandoned';
  @Column({ name: 'parked_at', type: 'timestamptz', default: () => 'now()' }) parkedAt!: Date;
}
