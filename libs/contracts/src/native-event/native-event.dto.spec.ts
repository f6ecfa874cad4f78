import { validateDto } from '@leadscore/http';
import { NativeEventBatchDto } from './native-event-batch.dto';
import { NativeEventDto } from './native-event.dto';

const valid = { leadId: 'lead-1', type: 'page_visit' };
const kib = (n: number) => 'x'.repeat(n * 1024);

describe('NativeEventDto', () => {
  it.each([
    ['the two required fields', valid],
    ['every field', { eventId: 'e-1', ...valid, occurredAt: '2026-03-01T09:30:00Z', source: 'salon-2026', properties: { url: '/pricing' } }],
    ['traits on an identify event', { leadId: 'a@b.co', type: 'identify', traits: { email: 'a@b.co', companySize: 1200 } }],
    ['null for optional fields', { ...valid, eventId: null, occurredAt: null, source: null, properties: null, traits: null }],
    ['every character of the leadId alphabet', { ...valid, leadId: 'Az09._:@+-' }],
    ['a leadId of 128 characters', { ...valid, leadId: 'l'.repeat(128) }],
    ['a type of 64 characters', { ...valid, type: 'a'.repeat(64) }],
    ['an eventId of 128 characters', { ...valid, eventId: 'e'.repeat(128) }],
    ['an empty source', { ...valid, source: '' }],
    ['properties of exactly 16 KiB', { ...valid, properties: { p: kib(16).slice(0, 16 * 1024 - '{"p":""}'.length) } }],
    ['a property named constructor', { ...valid, properties: { constructor: 'Toyota', nested: { constructor: { x: 1 } } } }],
    ['a date without time', { ...valid, occurredAt: '2026-03-01' }],
    ['an alias with the id it links', { leadId: 'u-1', type: 'alias', properties: { previousId: 'anon-1' } }],
    ['an identify with the anonymousId it links', { leadId: 'u-1', type: 'identify', properties: { anonymousId: 'anon-1' } }],
    ['a date-time with an offset', { ...valid, occurredAt: '2026-03-01T10:30:00.123456+01:00' }],
    ['traits of exactly 16 KiB', { leadId: 'u-1', type: 'identify', traits: { t: kib(16).slice(0, 16 * 1024 - '{"t":""}'.length) } }],
    ['an occurredAt of exactly 1970-01-01T00:00:00Z', { ...valid, occurredAt: '1970-01-01T00:00:00Z' }],
    ['an eventId that only contains a system prefix later on', { ...valid, eventId: 'x-inactivity:lead-1:2026-03-01' }],
    ['a type that starts like a reserved one', { ...valid, type: 'sales_feedback_form' }],
  ])('accepts %s', (_name, input) => {
    expect(validateDto(NativeEventDto, input)).toMatchObject({ ok: true });
  });

  it.each([
    ['missing leadId', { type: 'page_visit' }, 'leadId', 'leadId is required'],
    ['empty leadId', { ...valid, leadId: '' }, 'leadId', 'leadId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -'],
    ['leadId with a space', { ...valid, leadId: 'lead 1' }, 'leadId', 'leadId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -'],
    ['leadId of 129 characters', { ...valid, leadId: 'l'.repeat(129) }, 'leadId', 'leadId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -'],
    ['numeric leadId', { ...valid, leadId: 42 }, 'leadId', 'leadId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -'],
    ['missing type', { leadId: 'lead-1' }, 'type', 'type is required'],
    ['type in camelCase', { ...valid, type: 'pageVisit' }, 'type', expect.stringContaining('type must be 1 to 64 characters: a lower-case letter')],
    ['type starting with a digit', { ...valid, type: '1st_visit' }, 'type', expect.stringContaining('type must be 1 to 64 characters')],
    ['type of 65 characters', { ...valid, type: 'a'.repeat(65) }, 'type', expect.stringContaining('type must be 1 to 64 characters')],
    ['empty eventId', { ...valid, eventId: '' }, 'eventId', 'eventId must be a string of 1 to 128 characters'],
    ['eventId of 129 characters', { ...valid, eventId: 'e'.repeat(129) }, 'eventId', 'eventId must be a string of 1 to 128 characters'],
    ['numeric eventId', { ...valid, eventId: 7 }, 'eventId', 'eventId must be a string of 1 to 128 characters'],
    ['eventId with a NUL', { ...valid, eventId: 'a\u0000b' }, 'eventId', 'eventId must not contain NUL characters or unpaired surrogates'],
    ['occurredAt as epoch millis', { ...valid, occurredAt: 1767225600000 }, 'occurredAt', 'occurredAt must be an ISO-8601 date-time, such as 2026-03-01T09:30:00Z'],
    ['occurredAt in free text', { ...valid, occurredAt: 'yesterday' }, 'occurredAt', 'occurredAt must be an ISO-8601 date-time, such as 2026-03-01T09:30:00Z'],
    ['occurredAt on 30 February', { ...valid, occurredAt: '2026-02-30T10:00:00Z' }, 'occurredAt', 'occurredAt must be an ISO-8601 date-time, such as 2026-03-01T09:30:00Z'],
    ['source of 129 characters', { ...valid, source: 's'.repeat(129) }, 'source', 'source must be a string of at most 128 characters'],
    ['source as an object', { ...valid, source: { utm: 'x' } }, 'source', 'source must be a string of at most 128 characters'],
    ['properties as an array', { ...valid, properties: [1, 2] }, 'properties', 'properties must be a JSON object'],
    ['properties as a string', { ...valid, properties: 'url=/x' }, 'properties', 'properties must be a JSON object'],
    ['properties over 16 KiB', { ...valid, properties: { p: kib(16) } }, 'properties', 'properties must be at most 16384 bytes as JSON, got 16392'],
    ['properties with a NUL in a value', { ...valid, properties: { a: { b: 'x\u0000' } } }, 'properties', 'properties must not contain NUL characters or unpaired surrogates (at properties.a.b)'],
    ['properties with an unpaired surrogate', { ...valid, properties: { a: '\uD800' } }, 'properties', 'properties must not contain NUL characters or unpaired surrogates (at properties.a)'],
    ['properties nested 33 levels', { ...valid, properties: nest(33) }, 'properties', 'properties must not nest deeper than 32 levels'],
    ['traits on a page_visit', { ...valid, traits: { email: 'a@b.co' } }, 'traits', 'traits are only accepted on events of type identify'],
    ['traits as a string', { ...valid, type: 'identify', traits: 'a@b.co' }, 'traits', 'traits must be a JSON object'],
    ['an alias without previousId', { leadId: 'u-1', type: 'alias', properties: {} }, 'properties', 'properties.previousId is required on alias (the id being linked): 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -'],
    ['an identify with an anonymousId outside the alphabet', { leadId: 'u-1', type: 'identify', properties: { anonymousId: 'a b' } }, 'properties', 'properties.anonymousId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -'],
    ['an unknown field', { ...valid, userId: 'u-1' }, 'userId', 'userId is not a known field'],
    ['a field named constructor', { ...valid, constructor: 'x' }, 'constructor', 'constructor is not a known field'],
    ['traits over 16 KiB', { leadId: 'u-1', type: 'identify', traits: { t: kib(16) } }, 'traits', 'traits must be at most 16384 bytes as JSON, got 16392'],
    ['traits nested 33 levels', { leadId: 'u-1', type: 'identify', traits: nest(33) }, 'traits', 'traits must not nest deeper than 32 levels'],
    ['occurredAt in year 0', { ...valid, occurredAt: '0000-01-01T00:00:00Z' }, 'occurredAt', 'occurredAt must be 1970-01-01T00:00:00Z or later'],
    ['occurredAt 1 ms before 1970', { ...valid, occurredAt: '1969-12-31T23:59:59.999Z' }, 'occurredAt', 'occurredAt must be 1970-01-01T00:00:00Z or later'],
    ['a source with a NUL', { ...valid, source: 'a\u0000' }, 'source', 'source must not contain NUL characters or unpaired surrogates'],
    ...['sales_feedback', 'inactivity_tick', 'identity_merged'].map((type) => [
      `the reserved type ${type}`, { ...valid, type }, 'type', `type ${type} is reserved: only the system writes it (sales_feedback, inactivity_tick, identity_merged are reserved)`,
    ] as [string, object, string, string]),
    ...['inactivity:lead-1:2026-03-01', 'merge:e-1', 'merged:0123abcd', 'feedback:00000000-0000-0000-0000-000000000000'].map((eventId) => [
      `an eventId in the system namespace ${eventId}`, { ...valid, eventId }, 'eventId',
      `eventId must not start with ${eventId.slice(0, eventId.indexOf(':') + 1)}: ids of the form inactivity:…, merge:…, merged:…, feedback:… are the system's own`,
    ] as [string, object, string, string]),
  ])('refuses %s', (_name, input, path, message) => {
    const result = validateDto(NativeEventDto, input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([{ path, message }]);
  });

  it('refuses an alias without properties, saying what it needs', () => {
    const result = validateDto(NativeEventDto, { leadId: 'u-1', type: 'alias' });
    expect(!result.ok && result.errors.map((error) => error.message)).toEqual(expect.arrayContaining([expect.stringContaining('properties.previousId is required on alias')]));
  });

  it('lists every problem of one event', () => {
    const result = validateDto(NativeEventDto, { type: 'Bad', source: 5, extra: true });
    expect(!result.ok && result.errors.map((error) => error.path).sort()).toEqual(['extra', 'leadId', 'source', 'type']);
  });

  it('names a reserved type of the fourth event of a batch events.3.type', () => {
    const result = validateDto(NativeEventDto, { ...valid, type: 'sales_feedback' }, { path: 'events.3' });
    expect(!result.ok && result.errors.map((error) => error.path)).toEqual(['events.3.type']);
  });

  it('prefixes paths with the position of the event in a batch', () => {
    const result = validateDto(NativeEventDto, { type: 'page_visit' }, { path: 'events.3' });
    expect(!result.ok && result.errors).toEqual([{ path: 'events.3.leadId', message: 'leadId is required' }]);
  });
});

describe('NativeEventBatchDto', () => {
  it.each([
    ['an empty batch', { events: [] }, 'events', 'events must hold at least one event'],
    ['events that are not an array', { events: { leadId: 'x' } }, 'events', 'events must be an array of 1 to 500 events'],
    ['501 events', { events: Array.from({ length: 501 }, () => valid) }, 'events', 'events must hold at most 500 events, got 501'],
    ['a field beside events', { events: [valid], leadId: 'x' }, 'leadId', 'leadId is not a known field'],
  ])('refuses %s', (_name, input, path, message) => {
    const result = validateDto(NativeEventBatchDto, input);
    expect(!result.ok && result.errors).toEqual([{ path, message }]);
  });

  it('accepts 1 to 500 entries (each is validated on its own)', () => {
    expect(validateDto(NativeEventBatchDto, { events: [valid] }).ok).toBe(true);
    expect(validateDto(NativeEventBatchDto, { events: Array.from({ length: 500 }, () => valid) }).ok).toBe(true);
  });
});

function nest(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let level = 1; level < levels; level++) value = { a: value };
  return value;
}
