import { LEAD_ID_PATTERN } from '@leadscore/contracts';
import { IDENTITY_MERGED, INACTIVITY_TICK, linkedIdOf, type FoldResult } from '@leadscore/scoring';
import { type StoredEvent } from '@leadscore/persistence';

/**
 * What live scoring must send on after folding an event, for identity merging (libs/scoring
 * identity.ts): a `link` asks the other id's stream to merge into this lead; `merged` means this
 * event merged its lead, whose history up to it now belongs to `into`; `forward` sends an event
 * of a merged lead to `into`. A replay folds the same events but sends nothing: what these
 * produced live is in the store already.
 */
export type IdentityEffect =
  | { kind: 'link'; event: StoredEvent; otherId: string }
  | { kind: 'merged'; event: StoredEvent; into: string }
  | { kind: 'forward'; event: StoredEvent; into: string };

/** Markers and the scheduler's ticks belong to the id they were sent to; they never move. */
export const NEVER_FORWARDED: ReadonlySet<string> = new Set([IDENTITY_MERGED, INACTIVITY_TICK]);

export function identityEffectOf(event: StoredEvent, result: FoldResult): IdentityEffect | null {
  const identity = result.identity;
  if (identity?.forwardTo !== undefined) {
    return NEVER_FORWARDED.has(event.type) ? null : { kind: 'forward', event, into: identity.forwardTo };
  }
  if (identity?.mergedInto !== undefined) return { kind: 'merged', event, into: identity.mergedInto };
  const otherId = linkedIdOf(event);
  return otherId !== null && LEAD_ID_PATTERN.test(otherId) ? { kind: 'link', event, otherId } : null;
}
