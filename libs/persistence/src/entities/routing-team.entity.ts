import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A team's webhook state across routing versions: its signing secret (and the one a rotation replaced,
 * still honoured until `previousSecretUntil`), its round-robin counter, and whether a 410 disabled it.
 */
@Entity({ name: 'routing_teams' })
export class RoutingTeamEntity {
  @PrimaryColumn({ name: 'team_id', type: 'varchar', length: 64, primaryKeyConstraintName: 'routing_teams_pkey' }) teamId!: string;
  @Column({ type: 'varchar', length: 256 }) secret!: string;
  @Column({ name: 'round_robin_turn', type: 'bigint', default: 0 }) roundRobinTurn!: string;
  @Column({ name: 'webhook_disabled_at', type: 'timestamptz', nullable: true }) webhookDisabledAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'previous_secret', type: 'varchar', length: 256, nullable: true }) previousSecret!: string | null;
  @Column({ name: 'previous_secret_until', type: 'timestamptz', nullable: true }) previousSecretUntil!: Date | null;
}
