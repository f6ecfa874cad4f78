import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A source's ingest write key, stored as its SHA-256; the key itself is shown once. */
@Entity({ name: 'write_keys' })
@Unique('write_keys_key_hash_key', ['keyHash'])
export class WriteKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'write_keys_pkey' }) id!: string;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ name: 'key_hash', type: 'char', length: 64 }) keyHash!: string;
  @Column({ name: 'key_prefix', type: 'varchar', length: 16 }) keyPrefix!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  /** Web origins a browser may use the key from (`Origin`); empty: any. */
  @Column({ name: 'allowed_origins', type: 'text', array: true, default: () => "'{}'" }) allowedOrigins!: string[];
}
