import { parseMessage } from './parse-message.step';

const valid = {
  v: 1, eventId: 'e-1', leadId: 'lead-1', type: 'email_open', occurredAt: '2026-03-01T10:00:00.000Z',
  receivedAt: '2026-03-01T10:00:01.000Z', source: 'newsletter', properties: { campaign: 'spring' }, traits: null, sourceKeyId: 'key-1',
};
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseMessage', () => {
  it('turns a valid lead-events message into an event for the store', () => {
    expect(parseMessage(bytes(valid))).toEqual({
      kind: 'ok',
      event: {
        eventId: 'e-1', leadId: 'lead-1', type: 'email_open', occurredAt: new Date('2026-03-01T10:00:00.000Z'),
        receivedAt: new Date('2026-03-01T10:00:01.000Z'), source: 'newsletter', properties: { campaign: 'spring' }, traits: null, sourceKeyId: 'key-1',
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
    const result = parseMessage(value);
    expect(result.kind).toBe('dlq');
    expect(result.kind === 'dlq' && result.reason).toContain(reason);
  });

  it('defaults receivedAt to occurredAt and missing properties to an empty object', () => {
    const result = parseMessage(bytes({ ...valid, receivedAt: undefined, properties: undefined }));
    expect(result.kind === 'ok' && result.event.receivedAt).toEqual(new Date('2026-03-01T10:00:00.000Z'));
    expect(result.kind === 'ok' && result.event.properties).toEqual({});
  });
});
