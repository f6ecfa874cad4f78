import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One change made through the ops API: who (token id and name), when, which request, what (ids, versions). Append-only. */
@Entity({ name: 'ops_audit' })
export class OpsAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'token_id', type: 'varchar', length: 64 }) tokenId!: string;
  @Column({ name: 'token_name', type: 'varchar', length: 128 }) tokenName!: string;
  @Column({ name: 'request_id', type: 'varchar', length: 64 }) requestId!: string;
  @Column({ type: 'varchar', length: 64 }) kind!: string;
  @Column({ type: 'jsonb' }) details!: unknown;
}
