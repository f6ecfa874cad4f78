/** What a lead looks like for a comparison: its score and stage. */
export interface LeadSnapshot {
  score: number;
  stage: string;
}

export interface ChangedLead {
  leadId: string;
  /** null: the lead has no live projection yet. */
  before: LeadSnapshot | null;
  after: LeadSnapshot;
}

/** What a rule version would change against the stored history (docs/ops-api.md "Simulations"). */
export interface SimulationResult {
  changedLeads: number;
  stageCountsBefore: Record<string, number>;
  stageCountsAfter: Record<string, number>;
  crossings: { intoMql: number; outOfMql: number; intoSql: number; outOfSql: number };
  topMovers: ChangedLead[];
  ruleTotals: Record<string, number>;
}

export type SimulationStatus = 'running' | 'done' | 'failed';

/** A simulation as the admin answers it and the CLI polls it; `result` once done. */
export interface SimulationView {
  simulationId: string;
  rulesVersion: number;
  status: SimulationStatus;
  processed: number;
  total: number;
  result: SimulationResult | null;
  error: string | null;
}
