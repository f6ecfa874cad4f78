import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a source cost in one calendar month (`month` is its first day), in the installation's currency. */
@Entity({ name: 'insight_costs' })
export class InsightCostEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 }) source!: string;
  @PrimaryColumn({ type: 'date' }) month!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) amount!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
