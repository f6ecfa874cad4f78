import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A lead's win probability under a learned model, from its events up to `last_seq` (the lead list's sort key). */
@Entity({ name: 'lead_win_probabilities' })
export class LeadWinProbabilityEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'lead_win_probabilities_pkey' }) leadId!: string;
  @Column({ name: 'model_id', type: 'uuid' }) modelId!: string;
  @Column({ name: 'win_probability', type: 'double precision' }) winProbability!: number;
  @Column({ name: 'last_seq', type: 'bigint' }) lastSeq!: string;
  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' }) computedAt!: Date;
}
