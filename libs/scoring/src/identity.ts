import { IDENTITY_MERGED } from '@leadscore/contracts';
import { type FoldResult } from './fold-result';
import { type LeadState } from './lead-state';
import { type ScoringEvent } from './scoring-event';

/**
 * Identity merging, the engine's part. An `alias` (properties.previousId) or an `identify`
 * carrying properties.anonymousId, on a known lead X, links the other id A to X. The worker
 * then sends an `identity_merged` event (properties.into = X) to A's own stream, so that the
 * merge happens at one exact position of A's history, the same live and in a replay:
 * - before it, A's events scored A as usual (the worker copies them into X's stream);
 * - at it, A is marked merged into X and keeps the score and stage it had;
 * - after it, every event of A is forwarded to X and changes nothing on A but its eventCount.
 * The first merge wins: a merged lead never merges again.
 */
export const ALIAS = 'alias';
export { IDENTITY_MERGED };

/** The other id an event links to its lead (alias previousId, identify anonymousId), else null. */
export function linkedIdOf(event: Pick<ScoringEvent, 'leadId' | 'type' | 'properties'>): string | null {
  const field = event.type === ALIAS ? 'previousId' : event.type === 'identify' ? 'anonymousId' : null;
  if (field === null) return null;
  const id = event.properties[field];
  return typeof id === 'string' && id !== '' && id !== event.leadId ? id : null;
}

/** The lead an `identity_merged` event merges its lead into, else null. */
export function mergeTargetOf(event: Pick<ScoringEvent, 'leadId' | 'type' | 'properties'>): string | null {
  if (event.type !== IDENTITY_MERGED) return null;
  const into = event.properties.into;
  return typeof into === 'string' && into !== '' && into !== event.leadId ? into : null;
}

/**
 * What identity does to this event on this lead, or null when the event folds as usual:
 * a merged lead forwards the event; a valid merge marks the lead; an invalid marker changes
 * nothing; a late one, on a lead merged already, changes nothing either (the worker never forwards
 * markers).
 * Each of them counts in eventCount, nothing else.
 */
export function applyIdentity(state: LeadState, event: ScoringEvent): FoldResult | null {
  if (state.mergedInto === null && event.type !== IDENTITY_MERGED) return null;
  // eventCount counts every event stored under the lead's id (docs/rules.md), these included.
  state.eventCount += 1;
  if (state.mergedInto !== null) {
    return unchanged(state, { forwardTo: state.mergedInto }, `merged into ${state.mergedInto}: forwarded`);
  }
  const into = mergeTargetOf(event);
  if (into === null) return unchanged(state, {}, 'identity_merged without a valid properties.into: ignored');
  state.mergedInto = into;
  return unchanged(state, { mergedInto: into }, `merged into ${into}`);
}

function unchanged(state: LeadState, identity: FoldResult['identity'], note: string): FoldResult {
  return { state, scoreChange: null, stageChange: null, promotion: null, reasons: [], identity, note };
}
