import { type LeadState } from './lead-state';
import { type ScoringEvent } from './scoring-event';

/**
 * Newer keys override, absent keys are kept. "Newer" is by occurredAt per key, so a late
 * identify cannot overwrite what a more recent one said (ties: the later in the log wins).
 * Copy-on-write (new objects, never edits), so clones and batch snapshots can share them.
 */
export function mergeTraits(state: LeadState, event: ScoringEvent): void {
  const incoming = event.traits!;
  const traitsAt = { ...state.ledger.traitsAt };
  const traits = { ...state.traits };
  for (const key of Object.keys(incoming)) {
    const seenAt = traitsAt[key];
    if (seenAt !== undefined && seenAt > event.occurredAt) continue;
    traits[key] = incoming[key];
    traitsAt[key] = event.occurredAt;
  }
  state.traits = traits;
  state.ledger.traitsAt = traitsAt;
}
