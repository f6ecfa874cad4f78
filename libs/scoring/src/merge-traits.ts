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
    const seenAt = Object.hasOwn(traitsAt, key) ? traitsAt[key] : undefined;
    if (seenAt !== undefined && seenAt > event.occurredAt) continue;
    setOwn(traits, key, incoming[key]);
    setOwn(traitsAt, key, event.occurredAt);
  }
  state.traits = traits;
  state.ledger.traitsAt = traitsAt;
}

/** A plain assignment of `__proto__` would set the prototype (and lose the trait): define it. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
