import { parseMessage } from './parse-message.step';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const valid = {
  v: 1, eventId: 'e-1', leadId: 'lead-1', type: 'email_open', occurredAt: '2026-03-01T10:00:00.000Z',
  receivedAt: '2026-03-01T10:00:01.000Z', source: 'newsletter', properties: { campaign: 'spring' }, traits: null, sourceKeyId: 'key-1',
  producer: 'public',
};
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const parse = (fields: Record<string, unknown>) => parseMessage(bytes({ ...valid, ...fields }), NOW);
const nest = (levels: number): Record<string, unknown> => (levels <= 1 ? {} : { a: nest(levels - 1) });

describe('parseMessage', () => {
  it('turns a valid lead-events message into an event for the store', () => {
    expect(parseMessage(bytes(valid), NOW)).toEqual({
      kind: 'ok',
      event: {
        eventId: 'e-1', leadId: 'lead-1', type: 'email_open', occurredAt: new Date('2026-03-01T10:00:00.000Z'),
        receivedAt: new Date('2026-03-01T10:00:01.000Z'), source: 'newsletter', properties: { campaign: 'spring' }, traits: null, sourceKeyId: 'key-1',
        producer: 'public',
      },
    });
  });

  it.each([
    ['an empty value', Buffer.alloc(0), 'empty message value'],
    ['bytes that are not JSON', bytes('{nope'), 'value is not valid JSON'],
    ['a JSON array', bytes([1, 2]), 'value is not a JSON object'],
    ['a missing eventId', bytes({ ...valid, eventId: undefined }), 'eventId'],
    ['a leadId with a space', bytes({ ...valid, leadId: 'a b' }), 'leadId'],
    ['an upper-case type', bytes({ ...valid, type: 'EmailOpen' }), 'type'],
    ['an occurredAt that is no time', bytes({ ...valid, occurredAt: 'yesterday' }), 'occurredAt'],
    ['properties that are an array', bytes({ ...valid, properties: [] }), 'properties'],
  ])('sends %s to the DLQ with a reason naming the field', (_label, value, reason) => {
    const result = parseMessage(value, NOW);
    expect(result.kind).toBe('dlq');
    expect(result.kind === 'dlq' && result.reason).toContain(reason);
  });

  // The store's columns (lead_events): the worker refuses what PostgreSQL would, so no batch is refused.
  it.each([
    ['an eventId of 129 characters', { eventId: 'e'.repeat(129) }, 'eventId: eventId must be a string of 1 to 128 characters'],
    ['an eventId with a NUL', { eventId: 'e\u0000' }, 'eventId: eventId must not contain NUL characters or unpaired surrogates'],
    ['a leadId of 129 characters', { leadId: 'l'.repeat(129) }, 'leadId: leadId must be 1 to 128 characters'],
    ['a type of 65 characters', { type: 'a'.repeat(65) }, 'type: type must be 1 to 64 characters'],
    ['a source of 129 characters', { source: 's'.repeat(129) }, 'source: source must be a string of at most 128 characters'],
    ['a source with a lone surrogate', { source: 'x\uDC00' }, 'source: source must not contain NUL characters or unpaired surrogates'],
    ['a sourceKeyId of 65 characters', { sourceKeyId: 'k'.repeat(65) }, 'sourceKeyId: sourceKeyId must be a string of at most 64 characters'],
    ['an occurredAt in year 0', { occurredAt: '0000-01-01T00:00:00Z' }, 'occurredAt: occurredAt must be 1970-01-01T00:00:00Z or later'],
    ['an occurredAt 1 ms before 1970', { occurredAt: '1969-12-31T23:59:59.999Z' }, 'occurredAt: occurredAt must be 1970-01-01T00:00:00Z or later'],
    ['an occurredAt 24 h and 1 ms after now', { occurredAt: '2026-03-02T12:00:00.001Z' }, 'occurredAt: occurredAt must be at most 24 h after'],
    ['an occurredAt in year 275760', { occurredAt: '+275760-09-13T00:00:00.000Z' }, 'occurredAt: occurredAt must be an ISO-8601 date-time'],
    ['a receivedAt 24 h and 1 ms after now', { receivedAt: '2026-03-02T12:00:00.001Z' }, 'receivedAt: receivedAt must be at most 24 h after'],
    ['properties with a NUL in a key', { properties: { 'a\u0000': 1 } }, 'properties: properties must not contain NUL characters or unpaired surrogates'],
    ['properties over 16 KiB', { properties: { p: 'x'.repeat(16 * 1024) } }, 'properties: properties must be at most 16384 bytes as JSON, got 16392'],
    ['properties nested 33 levels', { properties: nest(33) }, 'properties: properties must not nest deeper than 32 levels'],
    ['traits over 16 KiB', { type: 'identify', traits: { t: 'x'.repeat(16 * 1024) } }, 'traits: traits must be at most 16384 bytes as JSON, got 16392'],
    ['traits with a lone surrogate', { type: 'identify', traits: { t: '\uD800' } }, 'traits: traits must not contain NUL characters or unpaired surrogates (at traits.t)'],
    ['a producer nobody is', { producer: 'root' }, 'producer: producer must be one of public, admin, scheduler, scoring'],
  ])('dead-letters %s', (_label, fields, reason) => {
    const result = parse(fields);
    expect(result.kind).toBe('dlq');
    expect(result.kind === 'dlq' && result.reason).toContain(reason);
  });

  it.each([
    ['an eventId, a leadId and a source of 128 characters', { eventId: 'e'.repeat(128), leadId: 'l'.repeat(128), source: 's'.repeat(128) }],
    ['a type of 64 characters and a sourceKeyId of 64', { type: 'a'.repeat(64), sourceKeyId: 'k'.repeat(64) }],
    ['an occurredAt of exactly 1970-01-01T00:00:00Z, long before its receipt', { occurredAt: '1970-01-01T00:00:00.000Z' }],
    ['an occurredAt of exactly 24 h after now', { occurredAt: '2026-03-02T12:00:00.000Z' }],
    ['properties of exactly 16 KiB nested 32 levels', { properties: { p: 'x'.repeat(16 * 1024 - 8) } }],
    ['traits of exactly 16 KiB', { type: 'identify', traits: { t: 'x'.repeat(16 * 1024 - 8) } }],
    ['properties nested 32 levels', { properties: nest(32) }],
    ['a __proto__ key in properties', { properties: JSON.parse('{"__proto__": {"admin": true}}') as Record<string, unknown> }],
  ])('stores %s', (_label, fields) => {
    expect(parse(fields).kind).toBe('ok');
  });

  it('defaults receivedAt to occurredAt and missing properties to an empty object', () => {
    const result = parse({ receivedAt: undefined, properties: undefined });
    expect(result.kind === 'ok' && result.event.receivedAt).toEqual(new Date('2026-03-01T10:00:00.000Z'));
    expect(result.kind === 'ok' && result.event.properties).toEqual({});
  });

  it.each([
    ['a write key id: public, whatever the type', { type: 'sales_feedback', sourceKeyId: 'key-1' }, 'public'],
    ['no write key and a reserved type: its own producer', { type: 'inactivity_tick', sourceKeyId: null }, 'scheduler'],
    ['no write key and sales_feedback: the admin API', { type: 'sales_feedback', sourceKeyId: null }, 'admin'],
    ['no write key and a custom type: public', { type: 'page_visit', sourceKeyId: null }, 'public'],
  ])('infers the producer of a message of an older version from %s', (_label, fields, producer) => {
    const result = parse({ ...fields, producer: undefined });
    expect(result.kind === 'ok' && result.event.producer).toBe(producer);
  });
});
