import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SimulationEntity } from './simulation.entity';

const PK = { primaryKeyConstraintName: 'simulation_leads_pkey' };

/** One lead's projection before and after a simulation; deleted with its simulation. */
@Entity({ name: 'simulation_leads' })
export class SimulationLeadEntity {
  @PrimaryColumn({ name: 'simulation_id', type: 'uuid', ...PK }) simulationId!: string;
  @ManyToOne(() => SimulationEntity, { nullable: false, onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'simulation_id', foreignKeyConstraintName: 'simulation_leads_simulation_id_fkey' })
  simulation?: Relation<SimulationEntity>;
  @PrimaryColumn({ name: 'lead_id', type: 'varchar', length: 128, ...PK }) leadId!: string;
  @Column({ type: 'jsonb', nullable: true }) before!: unknown;
  @Column({ type: 'jsonb' }) after!: unknown;
}
