import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A merged lead's history being copied into the lead it merged into, a page at a time (`after_seq` is the cursor). */
@Entity({ name: 'identity_forwardings' })
@Index('identity_forwardings_pending_idx', ['updatedAt', 'fromLead'], { where: 'finished_at IS NULL' })
export class IdentityForwardingEntity {
  @PrimaryColumn({ name: 'from_lead', type: 'varchar', length: 128, primaryKeyConstraintName: 'identity_forwardings_pkey' }) fromLead!: string;
  @Column({ name: 'into_lead', type: 'varchar', length: 128 }) intoLead!: string;
  @Column({ name: 'marker_seq', type: 'bigint' }) markerSeq!: string;
  @Column({ name: 'after_seq', type: 'bigint', default: 0 }) afterSeq!: string;
  @Column({ type: 'bigint', default: 0 }) copies!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
