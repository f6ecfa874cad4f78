import { type NewEvent } from '@leadscore/persistence';
import { dedupeEvents } from './dedupe-events.step';

const event = (eventId: string, type = 'email_open', leadId = 'lead-1'): NewEvent => ({
  eventId, leadId, type, occurredAt: new Date(0), receivedAt: new Date(0), source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
});

describe('dedupeEvents', () => {
  it('keeps the first event of each eventId of a lead, in batch order', () => {
    const kept = dedupeEvents([event('a'), event('b'), event('a', 'page_visit'), event('c'), event('b')]);
    expect(kept.map((e) => `${e.eventId}:${e.type}`)).toEqual(['a:email_open', 'b:email_open', 'c:email_open']);
  });

  it('keeps the same eventId on two leads: two events', () => {
    const kept = dedupeEvents([event('a', 'email_open', 'lead-1'), event('a', 'page_visit', 'lead-2'), event('a', 'form_submit', 'lead-1')]);
    expect(kept.map((e) => `${e.leadId}:${e.eventId}:${e.type}`)).toEqual(['lead-1:a:email_open', 'lead-2:a:page_visit']);
  });
});
