import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One erasure job: the only row that may still name (while running) or hash (once done) an erased id. */
@Entity({ name: 'erasures' })
@Index('erasures_unfinished_idx', ['requestedAt'], { where: `phase <> 'done'` })
@Check('erasures_phase_check', `phase IN ('sweep', 'drain', 'done')`)
export class ErasureEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'erasures_pkey' }) id!: string;
  @Column({ name: 'subject_hash', type: 'char', length: 64 }) subjectHash!: string;
  @Column({ name: 'lead_ids', type: 'text', array: true, default: () => "'{}'" }) leadIds!: string[];
  @Column({ name: 'id_hashes', type: 'text', array: true, default: () => "'{}'" }) idHashes!: string[];
  @Column({ type: 'varchar', length: 16 }) phase!: 'sweep' | 'drain' | 'done';
  @Column({ type: 'jsonb', nullable: true }) watermarks!: unknown;
  @Column({ type: 'jsonb', default: () => "'{}'" }) deleted!: Record<string, number>;
  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' }) requestedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
