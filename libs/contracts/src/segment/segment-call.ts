import { type FieldError } from '../field-error';
import { LEAD_ID_PATTERN } from '../lead-event.message';
import { campaignSource, contextPageUrl, contextTraits, eventIdOf, idText, isObject, type Json, objectField, occurredAtOf } from './segment-fields';
import { segmentTypeName } from './segment-type-name';

/** The calls of Segment's HTTP Tracking API that carry events. */
export const SEGMENT_CALLS = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type SegmentCall = (typeof SEGMENT_CALLS)[number];

/** Segment's limits: 32 KB per call (as JSON), 500 KB per batch request. */
export const SEGMENT_MAX_EVENT_BYTES = 32 * 1024;
export const SEGMENT_MAX_BATCH_BYTES = 500 * 1024;

/**
 * A Segment call mapped to the fields of a native event, not yet checked against the native
 * contract (the caller does that with NativeEventDto, and maps error paths with `segmentPath`).
 */
export interface SegmentNativeEvent {
  eventId?: string;
  leadId: string;
  type: string;
  occurredAt?: string;
  source?: unknown;
  properties: Record<string, unknown>;
  traits?: Record<string, unknown>;
}

export type SegmentMapping = { ok: true; event: SegmentNativeEvent } | { ok: false; errors: FieldError[] };

/**
 * One Segment call → a native event (docs/events.md "Segment-compatible API"):
 * userId else anonymousId → leadId, messageId → eventId, `event` → snake_case type, page →
 * `page_visit` with `properties.url`, screen → `screen_view`, group traits under properties,
 * alias → an `alias` event on the userId's lead with `properties.previousId`; occurredAt =
 * receivedAt − (sentAt − timestamp) when sentAt is given (the device clock's skew removed).
 * `path` prefixes error paths (`batch.3`); `call` is the route's call, or null to read `type`.
 */
export function mapSegmentCall(message: unknown, options: { call: SegmentCall | null; path: string; receivedAt: Date; sentAt?: unknown }): SegmentMapping {
  const at = (field: string) => (options.path ? `${options.path}.${field}` : field);
  if (!isObject(message)) return fail(options.path || 'body', 'each call must be a JSON object');
  const call = options.call ?? callOf(message.type);
  if (call === null) return fail(at('type'), `type must be one of ${SEGMENT_CALLS.join(', ')}`);

  const errors: FieldError[] = [];
  const leadId = leadIdOf(message, call, at, errors);
  const type = typeOf(message, call, at, errors);
  const properties = objectField(message, 'properties', at, errors);
  const traits = objectField(message, 'traits', at, errors);
  const occurredAt = occurredAtOf(message.timestamp, options.sentAt ?? message.sentAt, options.receivedAt, at, errors);
  const eventId = eventIdOf(message.messageId, at, errors);
  if (errors.length > 0 || leadId === null || type === null) return { ok: false, errors };

  const event: SegmentNativeEvent = { leadId, type, properties: { ...properties } };
  if (eventId !== undefined) event.eventId = eventId;
  if (occurredAt !== undefined) event.occurredAt = occurredAt;
  const source = campaignSource(message);
  if (source !== undefined) event.source = source;
  addCallDetails(event, call, message, traits);
  return { ok: true, event };
}

/** A native-event error path (`leadId`, `occurredAt`…) as the Segment field the client sent. */
export function segmentPath(nativeField: string, message: unknown): string {
  switch (nativeField) {
    case 'eventId':
      return 'messageId';
    case 'leadId':
      return isObject(message) && message.userId !== undefined && message.userId !== null ? 'userId' : 'anonymousId';
    case 'occurredAt':
      return 'timestamp';
    case 'source':
      return 'context.campaign.source';
    case 'type':
      // Only a track's type comes from the client (its event name): a reserved one is refused there.
      return isObject(message) && message.event !== undefined ? 'event' : 'type';
    default:
      return nativeField;
  }
}

function addCallDetails(event: SegmentNativeEvent, call: SegmentCall, message: Json, traits: Json | undefined): void {
  switch (call) {
    case 'track':
      return;
    case 'identify':
      event.traits = traits ?? contextTraits(message) ?? {};
      // The link anonymous visitor → known lead, recorded for the fold to merge identities.
      if (message.userId !== undefined && message.userId !== null && typeof message.anonymousId === 'string' && message.anonymousId !== '') {
        event.properties.anonymousId = message.anonymousId;
      }
      return;
    case 'page':
    case 'screen': {
      const url = event.properties.url ?? contextPageUrl(message);
      if (url !== undefined) event.properties.url = url;
      if (typeof message.name === 'string' && event.properties.name === undefined) event.properties.name = message.name;
      if (typeof message.category === 'string' && event.properties.category === undefined) event.properties.category = message.category;
      return;
    }
    case 'group':
      event.properties = { ...event.properties, ...(traits ?? {}) };
      if (message.groupId !== undefined) event.properties.groupId = message.groupId;
      return;
    case 'alias':
      event.properties.previousId = message.previousId;
      return;
  }
}

function leadIdOf(message: Json, call: SegmentCall, at: (field: string) => string, errors: FieldError[]): string | null {
  const userId = idText(message.userId);
  const anonymousId = idText(message.anonymousId);
  if (call === 'alias') {
    const previousId = idText(message.previousId);
    if (previousId === null || previousId === '') errors.push({ path: at('previousId'), message: 'previousId is required on alias (the id being linked)' });
    else if (!LEAD_ID_PATTERN.test(previousId)) errors.push({ path: at('previousId'), message: 'previousId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -' });
    if (userId === null || userId === '') {
      errors.push({ path: at('userId'), message: 'userId is required on alias (the known user)' });
      return null;
    }
  }
  const field = userId !== null && userId !== '' ? 'userId' : 'anonymousId';
  const leadId = field === 'userId' ? userId : anonymousId;
  if (leadId === null || leadId === '') {
    errors.push({ path: at('userId'), message: 'userId or anonymousId is required' });
    return null;
  }
  if (!LEAD_ID_PATTERN.test(leadId)) {
    errors.push({ path: at(field), message: `${field} must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -` });
    return null;
  }
  if (field === 'userId' && anonymousId !== null && anonymousId !== '' && !LEAD_ID_PATTERN.test(anonymousId)) {
    errors.push({ path: at('anonymousId'), message: 'anonymousId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -' });
  }
  return leadId;
}

function typeOf(message: Json, call: SegmentCall, at: (field: string) => string, errors: FieldError[]): string | null {
  switch (call) {
    case 'track': {
      const name = message.event;
      if (typeof name !== 'string' || name.trim() === '') {
        errors.push({ path: at('event'), message: 'event is required on track: the name of the action, such as "Whitepaper Downloaded"' });
        return null;
      }
      return segmentTypeName(name);
    }
    case 'identify':
      return 'identify';
    case 'page':
      return 'page_visit';
    case 'screen':
      return 'screen_view';
    case 'group':
      return 'group';
    case 'alias':
      return 'alias';
  }
}

function callOf(type: unknown): SegmentCall | null {
  return typeof type === 'string' && (SEGMENT_CALLS as readonly string[]).includes(type) ? (type as SegmentCall) : null;
}

function fail(path: string, message: string): SegmentMapping {
  return { ok: false, errors: [{ path, message }] };
}
