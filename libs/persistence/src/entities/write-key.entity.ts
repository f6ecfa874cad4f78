import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A source's ingest write key, stored as its SHA-256; the key itself is shown once. */
@Entity({ name: 'write_keys' })
export class WriteKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ name: 'key_hash', type: 'char', length: 64, unique: true }) keyHash!: string;
  @Column({ name: 'key_prefix', type: 'varchar', length: 16 }) keyPrefix!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** Web origins a browser may use the key from (`Origin`); empty: any. */
  @Column({ name: 'allowed_origins', type: 'text', array: true, default: () => "'{}'" }) allowedOrigins!: string[];
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
