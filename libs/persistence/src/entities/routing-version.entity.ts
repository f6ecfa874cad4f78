import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One routing configuration as PUT by ops (teams, match conditions, members, webhook); the newest applies. */
@Entity({ name: 'routing_versions' })
export class RoutingVersionEntity {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'routing_versions_pkey' }) version!: number;
  @Column({ type: 'jsonb' }) definition!: unknown;
  @Column({ type: 'varchar', length: 128, nullable: true }) author!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
