import { type NativeEventDto } from './native-event.dto';
import { toLeadEventMessage } from './to-lead-event-message';

const context = { receivedAt: new Date('2026-03-01T12:00:00.000Z'), newEventId: () => 'generated-1', sourceKeyId: 'key-1' };

describe('toLeadEventMessage', () => {
  it('fills what the client left out: a generated eventId, receipt time, empty properties', () => {
    const event: NativeEventDto = { leadId: 'lead-1', type: 'page_visit' };
    expect(toLeadEventMessage(event, context)).toEqual({
      v: 1,
      eventId: 'generated-1',
      leadId: 'lead-1',
      type: 'page_visit',
      occurredAt: '2026-03-01T12:00:00.000Z',
      receivedAt: '2026-03-01T12:00:00.000Z',
      source: null,
      properties: {},
      traits: null,
      sourceKeyId: 'key-1',
      producer: 'public',
    });
  });

  it('keeps what the client sent, with occurredAt normalised to UTC', () => {
    const event: NativeEventDto = {
      eventId: 'e-9', leadId: 'a@b.co', type: 'identify', occurredAt: '2026-03-01T10:30:00+01:00',
      source: 'salon-2026', properties: { url: '/x', tags: [1, null] }, traits: { email: 'a@b.co' },
    };
    expect(toLeadEventMessage(event, context)).toMatchObject({
      eventId: 'e-9', occurredAt: '2026-03-01T09:30:00.000Z', source: 'salon-2026',
      properties: { url: '/x', tags: [1, null] }, traits: { email: 'a@b.co' },
    });
  });

  it('treats null and empty optional fields as absent', () => {
    const event: NativeEventDto = { eventId: null, leadId: 'l', type: 't', occurredAt: null, source: '', properties: null, traits: null };
    expect(toLeadEventMessage(event, context)).toMatchObject({ eventId: 'generated-1', occurredAt: '2026-03-01T12:00:00.000Z', source: null, properties: {}, traits: null });
  });

  it('asks for an id only when the event has none', () => {
    const newEventId = jest.fn(() => 'unused');
    toLeadEventMessage({ eventId: 'mine', leadId: 'l', type: 't' }, { ...context, newEventId });
    expect(newEventId).not.toHaveBeenCalled();
  });
});
