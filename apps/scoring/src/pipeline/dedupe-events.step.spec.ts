import { type NewEvent } from '@leadscore/persistence';
import { dedupeEvents } from './dedupe-events.step';

const event = (eventId: string, type = 'email_open'): NewEvent => ({
  eventId, leadId: 'lead-1', type, occurredAt: new Date(0), receivedAt: new Date(0), source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
});

describe('dedupeEvents', () => {
  it('keeps the first event of each eventId, in batch order', () => {
    const kept = dedupeEvents([event('a'), event('b'), event('a', 'page_visit'), event('c'), event('b')]);
    expect(kept.map((e) => `${e.eventId}:${e.type}`)).toEqual(['a:email_open', 'b:email_open', 'c:email_open']);
  });
});
