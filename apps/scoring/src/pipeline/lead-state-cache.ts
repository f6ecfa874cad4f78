import { type LeadState } from '@leadscore/scoring';

/** A lead's state as the last committed batch of this worker left it, and where: generation and the seq of its last event. */
export interface CachedLeadState {
  generation: number;
  lastSeq: string;
  state: LeadState;
}

/**
 * The worker's own copy of the states it folded last, so a batch reads only `last_seq` of its
 * leads from the store instead of their whole states. Never trusted on its own: a batch uses an
 * entry only when the store's `last_seq` for that lead and generation is the entry's (another
 * worker after a rebalance, a replay's switch, an erasure all change or remove that row). Filled
 * only after a COMMIT, emptied at every group (re)join, at most `capacity` leads (least recently
 * used go first). The states are never mutated: the fold copies what it changes.
 */
export class LeadStateCache {
  private readonly entries = new Map<string, CachedLeadState>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(leadId: string): CachedLeadState | undefined {
    const entry = this.entries.get(leadId);
    if (entry !== undefined) {
      this.entries.delete(leadId);
      this.entries.set(leadId, entry);
    }
    return entry;
  }

  /** States a batch committed. */
  remember(leadId: string, entry: CachedLeadState): void {
    this.entries.delete(leadId);
    this.entries.set(leadId, entry);
    if (this.entries.size > this.capacity) this.evictOldest(this.entries.size - this.capacity);
  }

  clear(): void {
    this.entries.clear();
  }

  private evictOldest(count: number): void {
    let left = count;
    for (const leadId of this.entries.keys()) {
      if (left-- <= 0) break;
      this.entries.delete(leadId);
    }
  }
}
