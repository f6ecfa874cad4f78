import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

const PK = { primaryKeyConstraintName: 'insight_costs_pkey' };

/** What a source cost in one calendar month (`month` is its first day), in the installation's currency. */
@Entity({ name: 'insight_costs' })
@Check('insight_costs_month_check', 'extract(day FROM month) = 1')
@Check('insight_costs_amount_check', 'amount >= 0')
export class InsightCostEntity {
  @PrimaryColumn({ type: 'varchar', length: 128, ...PK }) source!: string;
  @PrimaryColumn({ type: 'date', ...PK }) month!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) amount!: number;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
