import { eventKeyOf, type AuditRow, type NewEvent, type NewIdentityForwarding, type ProjectionRow, type StoredEvent } from '@leadscore/persistence';
import { type CompiledRuleSet, type LeadState } from '@leadscore/scoring';
import { type ScoringStore, type ScoringTransaction } from '../scoring-store.port';

/**
 * The scoring store in memory, for unit tests of the steps: a transaction works on a copy that
 * replaces the committed data only when the work resolves, as PostgreSQL's COMMIT / ROLLBACK do.
 */
export class InMemoryScoringStore implements ScoringStore {
  events: StoredEvent[] = [];
  projections = new Map<string, ProjectionRow>();
  audit: AuditRow[] = [];
  forwardings: NewIdentityForwarding[] = [];
  generation = 1;

  constructor(private readonly ruleSets: Map<number, CompiledRuleSet>, public activeVersion: number | null) {}

  async inBatchTransaction<T>(work: (tx: ScoringTransaction) => Promise<T>): Promise<T> {
    const draft = { events: [...this.events], projections: new Map(this.projections), audit: [...this.audit], forwardings: [...this.forwardings] };
    const result = await work(this.transactionOn(draft));
    Object.assign(this, draft);
    return result;
  }

  private transactionOn(draft: Pick<InMemoryScoringStore, 'events' | 'projections' | 'audit' | 'forwardings'>): ScoringTransaction {
    return {
      appendEvents: async (events: NewEvent[]) => {
        const known = new Set(draft.events.map(eventKeyOf));
        const stored = events.filter((event) => !known.has(eventKeyOf(event)))
          .map((event, index) => ({ ...event, seq: String(draft.events.length + index + 1) }));
        draft.events.push(...stored);
        return stored;
      },
      liveGenerationAndVersion: async () => ({ generation: this.generation, ruleVersion: this.activeVersion }),
      compiledRuleSet: async (version) => {
        const ruleSet = this.ruleSets.get(version);
        if (!ruleSet) throw new Error(`rule set v${version} does not exist`);
        return ruleSet;
      },
      loadLeadStates: async (_generation, leadIds) => new Map(leadIds.flatMap((leadId) => {
        const row = draft.projections.get(leadId);
        return row ? [[leadId, structuredClone(row.state) as LeadState] as const] : [];
      })),
      upsertProjections: async (_generation, rows) => {
        for (const row of rows) draft.projections.set(row.leadId, structuredClone(row));
      },
      insertAuditRows: async (_generation, rows) => {
        draft.audit.push(...rows);
      },
      insertIdentityForwardings: async (rows) => {
        draft.forwardings.push(...rows);
      },
    };
  }
}
