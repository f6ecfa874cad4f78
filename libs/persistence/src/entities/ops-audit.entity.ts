import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change made through the ops API: who (token id and name), when, which request, what (ids, versions).
 * Append-only: the triggers that refuse UPDATE, DELETE and TRUNCATE are the migration's (TypeORM has no triggers).
 */
@Entity({ name: 'ops_audit' })
@Index('ops_audit_token_idx', ['tokenId', 'id'])
@Index('ops_audit_kind_idx', ['kind', 'id'])
@Index('ops_audit_at_idx', ['at'])
export class OpsAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'ops_audit_pkey' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) at!: Date;
  @Column({ name: 'token_id', type: 'varchar', length: 64 }) tokenId!: string;
  @Column({ name: 'token_name', type: 'varchar', length: 128 }) tokenName!: string;
  @Column({ name: 'request_id', type: 'varchar', length: 64 }) requestId!: string;
  @Column({ type: 'varchar', length: 64 }) kind!: string;
  @Column({ type: 'jsonb' }) details!: unknown;
}
