import { type AuditRow, type NewEvent, type NewIdentityForwarding, type ProjectionRow, type StoredEvent } from '@leadscore/persistence';
import { type CompiledRuleSet, type LeadState } from '@leadscore/scoring';

/** What one scoring transaction reads and writes: the store side of the scoring steps (`scoring-steps.ts`), replaced by an in-memory one in unit tests. */
export interface ScoringTransaction {
  /** Appends the events not stored yet (by leadId and eventId), in order; returns those it stored, with their seq. */
  appendEvents(events: NewEvent[]): Promise<StoredEvent[]>;
  /** The live projection generation and the active rule version, read together. */
  liveGenerationAndVersion(): Promise<{ generation: number; ruleVersion: number | null }>;
  /** The compiled rule set of `version`, read inside this transaction when it is not cached. */
  compiledRuleSet(version: number): Promise<CompiledRuleSet>;
  /** The leads' stored states in `generation`, locked until the transaction ends. */
  loadLeadStates(generation: number, leadIds: string[]): Promise<Map<string, LeadState>>;
  upsertProjections(generation: number, rows: ProjectionRow[]): Promise<void>;
  insertAuditRows(generation: number, rows: AuditRow[]): Promise<void>;
  /** Merges for the history forwarder to send on. */
  insertIdentityForwardings(rows: readonly NewIdentityForwarding[]): Promise<void>;
}

export interface ScoringStore {
  /** Runs `work` in one transaction that holds the projection switch lock shared: all of it commits, or none. */
  inBatchTransaction<T>(work: (tx: ScoringTransaction) => Promise<T>): Promise<T>;
}
