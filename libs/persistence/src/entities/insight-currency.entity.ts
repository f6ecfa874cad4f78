import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row naming the installation's currency, set by the first cost stored. */
@Entity({ name: 'insight_currency' })
export class InsightCurrencyEntity {
  @PrimaryColumn({ type: 'smallint' }) id!: number;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ name: 'set_at', type: 'timestamptz' }) setAt!: Date;
}
