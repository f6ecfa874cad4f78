import { parseNativeEvents } from './parse-native-events';

const receivedAt = new Date('2026-03-01T12:00:00.000Z');
const valid = { leadId: 'lead-1', type: 'page_visit' };

describe('parseNativeEvents', () => {
  it('reads one event', () => {
    expect(parseNativeEvents(valid, receivedAt)).toMatchObject({ outcome: 'valid', events: [valid] });
  });

  it('reads a batch in order', () => {
    const events = [valid, { leadId: 'lead-2', type: 'identify', traits: { email: 'a@b.co' } }];
    expect(parseNativeEvents({ events }, receivedAt)).toMatchObject({ outcome: 'valid', events });
  });

  it('accepts an occurredAt exactly 24 h after receipt', () => {
    expect(parseNativeEvents({ ...valid, occurredAt: '2026-03-02T12:00:00Z' }, receivedAt).outcome).toBe('valid');
  });

  it.each([
    ['a body that is not an object', [valid], [{ path: 'body', message: 'the body must be one event object, or {"events": [...]}' }]],
    ['a body that is a string', 'lead-1', [{ path: 'body', message: 'the body must be one event object, or {"events": [...]}' }]],
    ['one event without leadId', { type: 'page_visit' }, [{ path: 'leadId', message: 'leadId is required' }]],
    ['one event more than 24 h ahead', { ...valid, occurredAt: '2026-03-02T12:00:00.001Z' }, [
      { path: 'occurredAt', message: 'occurredAt must be at most 24 h after the time of receipt (2026-03-01T12:00:00.000Z)' },
    ]],
    ['an empty batch', { events: [] }, [{ path: 'events', message: 'events must hold at least one event' }]],
    ['events that are not a list', { events: 'lead-1' }, [{ path: 'events', message: 'events must be an array of 1 to 500 events' }]],
    ['a batch entry that is not an object', { events: [valid, 'x'] }, [{ path: 'events.1', message: 'item 1 must be a JSON object' }]],
    ['a field beside events', { events: [valid], writeKey: 'k' }, [{ path: 'writeKey', message: 'writeKey is not a known field' }]],
  ])('refuses %s', (_name, body, errors) => {
    expect(parseNativeEvents(body, receivedAt)).toMatchObject({ outcome: 'invalid', errors });
  });

  it('refuses a whole batch for one bad event and lists the problems of every event', () => {
    const body = {
      events: [
        valid,
        { leadId: 'lead 2', type: 'page_visit' },
        valid,
        { ...valid, occurredAt: '2030-01-01T00:00:00Z', properties: [] },
        { ...valid, extra: 1 },
      ],
    };
    expect(parseNativeEvents(body, receivedAt)).toEqual({
      outcome: 'invalid',
      eventCount: 5,
      errors: [
        { path: 'events.1.leadId', message: 'leadId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -' },
        { path: 'events.3.properties', message: 'properties must be a JSON object' },
        { path: 'events.3.occurredAt', message: 'occurredAt must be at most 24 h after the time of receipt (2026-03-01T12:00:00.000Z)' },
        { path: 'events.4.extra', message: 'extra is not a known field' },
      ],
    });
  });

  it('calls more than 500 events too large (413), before looking at them', () => {
    const events = Array.from({ length: 501 }, () => ({ bad: true }));
    expect(parseNativeEvents({ events }, receivedAt)).toEqual({
      outcome: 'too_large',
      eventCount: 501,
      errors: [{ path: 'events', message: 'a batch holds at most 500 events, got 501' }],
    });
  });
});
