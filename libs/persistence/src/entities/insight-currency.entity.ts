import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row naming the installation's currency, set by the first cost stored. */
@Entity({ name: 'insight_currency' })
@Check('insight_currency_one_row', 'id = 1')
export class InsightCurrencyEntity {
  @PrimaryColumn({ type: 'smallint', default: 1, primaryKeyConstraintName: 'insight_currency_pkey' }) id!: number;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ name: 'set_at', type: 'timestamptz', default: () => 'now()' }) setAt!: Date;
}
