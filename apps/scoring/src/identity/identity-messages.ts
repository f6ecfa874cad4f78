import { createHash } from 'node:crypto';
import { MAX_EVENT_ID_LENGTH, type LeadEventMessage } from '@leadscore/contracts';
import { type StoredEvent } from '@leadscore/persistence';
import { IDENTITY_MERGED } from '@leadscore/scoring';

/** A copy travels at most this many merges (a chain A → B → C …); a cycle stops at once. */
export const MAX_MERGE_HOPS = 8;

/** Where a copy came from: the first lead and event, and every lead it passed through. */
export interface MergedFrom {
  leadId: string;
  eventId: string;
  path: string[];
}

/**
 * The `identity_merged` event an alias/identify on `event.leadId` sends to `otherId`'s stream.
 * Its eventId derives from the link's, so a redelivered link sends the same marker (deduped).
 */
export function mergeMarker(link: StoredEvent, otherId: string): LeadEventMessage {
  return {
    v: 1,
    eventId: derivedEventId('merge', link.eventId),
    leadId: otherId,
    type: IDENTITY_MERGED,
    occurredAt: link.occurredAt.toISOString(),
    receivedAt: link.receivedAt.toISOString(),
    source: null,
    properties: { into: link.leadId, linkEventId: link.eventId },
    traits: null,
    sourceKeyId: link.sourceKeyId,
    producer: 'scoring',
  };
}

/**
 * `event` copied into `into`'s stream, unchanged but for its lead and eventId, with
 * `properties.mergedFrom` saying where it came from. The eventId derives from the target and the
 * original event (its lead and eventId: an eventId is unique only within its lead), so sending a
 * copy twice stores it once, and two leads' events of the same eventId merged into one lead stay two. Null when the copy would go round in a
 * cycle (A merged into B merged into A) or too far. The one place a copy is made (batch forwards
 * and the history forwarder alike): a field added to the stored event (provenance) is kept here.
 */
export function mergedCopy(event: StoredEvent, into: string): LeadEventMessage | null {
  const from = mergedFromOf(event);
  const path = [...(from?.path ?? []), event.leadId];
  if (path.includes(into) || path.length > MAX_MERGE_HOPS) return null;
  const origin = from ?? { leadId: event.leadId, eventId: event.eventId };
  const mergedFrom: MergedFrom = { leadId: origin.leadId, eventId: origin.eventId, path };
  return {
    v: 1,
    eventId: `merged:${sha256(`${into}\n${origin.leadId}\n${origin.eventId}`).slice(0, 40)}`,
    leadId: into,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    receivedAt: event.receivedAt.toISOString(),
    source: event.source,
    properties: { ...event.properties, mergedFrom },
    traits: event.traits,
    sourceKeyId: event.sourceKeyId,
    // A copy acts as its original did: an admin's feedback still counts, a public forgery still does not.
    producer: event.producer,
  };
}

function mergedFromOf(event: StoredEvent): MergedFrom | null {
  const value = event.properties.mergedFrom as Partial<MergedFrom> | undefined;
  if (typeof value !== 'object' || value === null) return null;
  if (typeof value.leadId !== 'string' || typeof value.eventId !== 'string' || !Array.isArray(value.path)) return null;
  return { leadId: value.leadId, eventId: value.eventId, path: value.path.filter((id): id is string => typeof id === 'string') };
}

/** `kind:id` when it fits the eventId limit, else `kind:` and a hash of it. */
function derivedEventId(kind: string, id: string): string {
  const plain = `${kind}:${id}`;
  return plain.length <= MAX_EVENT_ID_LENGTH ? plain : `${kind}:${sha256(id).slice(0, 40)}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
