import { type LeadSnapshot } from '@leadscore/contracts';
import { foldBatch, initialLeadState, type CompiledRuleSet, type LeadState, type ScoringEvent } from '@leadscore/scoring';

/**
 * A simulation's fold of the store read lead by lead (each lead's events together, in seq order,
 * a lead's history possibly running on from one batch into the next): every lead's history goes
 * through one `foldBatch` call (two when it spans batches), and only its end result is kept — the
 * score and stage it would have, and the points of each rule. Pure.
 */
export class SimulatedLeads {
  readonly after = new Map<string, LeadSnapshot>();
  readonly ruleTotals: Record<string, number> = {};
  /** The latest lead met: the next batch may carry on with its history. */
  private open: LeadState | null = null;

  constructor(private readonly ruleSet: CompiledRuleSet) {}

  /** Folds a batch in (lead, seq) order onto what came before it. */
  add(events: readonly ScoringEvent[]): void {
    let start = 0;
    while (start < events.length) {
      const leadId = events[start].leadId;
      let end = start + 1;
      while (end < events.length && events[end].leadId === leadId) end++;
      this.foldLead(leadId, events.slice(start, end));
      start = end;
    }
  }

  /** The simulated score and stage of every lead met. */
  finish(): Map<string, LeadSnapshot> {
    this.close();
    return this.after;
  }

  private foldLead(leadId: string, events: ScoringEvent[]): void {
    if (this.open !== null && this.open.leadId !== leadId) this.close();
    if (this.after.has(leadId)) throw new Error(`events of lead ${leadId} are not together: the store was not read lead by lead`);
    const { state, results } = foldBatch(this.open ?? initialLeadState(leadId), events, this.ruleSet);
    for (const result of results) {
      for (const reason of result.reasons) this.ruleTotals[reason.ruleId] = (this.ruleTotals[reason.ruleId] ?? 0) + reason.points;
    }
    this.open = state;
  }

  private close(): void {
    if (this.open === null) return;
    this.after.set(this.open.leadId, { score: this.open.score, stage: this.open.stage });
    this.open = null;
  }
}
