import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A scoped ops API token, stored as its SHA-256; the token itself is shown once. */
@Entity({ name: 'api_tokens' })
@Unique('api_tokens_token_hash_key', ['tokenHash'])
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'api_tokens_pkey' }) id!: string;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ name: 'token_hash', type: 'char', length: 64 }) tokenHash!: string;
  @Column({ name: 'token_prefix', type: 'varchar', length: 16 }) tokenPrefix!: string;
  @Column({ type: 'text', array: true }) scopes!: string[];
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
