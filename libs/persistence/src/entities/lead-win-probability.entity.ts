import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A lead's win probability under a learned model, from its events up to `last_seq` (the lead list's
 * sort key). Its order index is the migration's alone (`synchronize: false`): TypeORM cannot say DESC.
 */
@Entity({ name: 'lead_win_probabilities' })
@Index('lead_win_probabilities_order_idx', { synchronize: false })
export class LeadWinProbabilityEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'lead_win_probabilities_pkey' }) leadId!: string;
  @Column({ name: 'model_id', type: 'uuid' }) modelId!: string;
  @Column({ name: 'win_probability', type: 'double precision' }) winProbability!: number;
  @Column({ name: 'last_seq', type: 'bigint' }) lastSeq!: string;
  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' }) computedAt!: Date;
}
