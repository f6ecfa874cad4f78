import { type NewEvent } from '@leadscore/persistence';
import { dedupeEventsStep } from './dedupe-events.step';

const event = (eventId: string, type = 'email_open', leadId = 'lead-1'): NewEvent => ({
  eventId, leadId, type, occurredAt: new Date(0), receivedAt: new Date(0), source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
});

const outcomes = async (events: NewEvent[]) => (await dedupeEventsStep.run(events))
  .map((result) => (result.kind === 'ok' ? `${result.value.leadId}:${result.value.eventId}:${result.value.type}` : result.kind));

describe('dedupe-events step', () => {
  it('keeps the first event of each eventId of a lead, in batch order, and drops the repeats', async () => {
    expect(await outcomes([event('a'), event('b'), event('a', 'page_visit'), event('c'), event('b')])).toEqual(
      ['lead-1:a:email_open', 'lead-1:b:email_open', 'drop', 'lead-1:c:email_open', 'drop'],
    );
  });

  it('keeps the same eventId on two leads: two events', async () => {
    expect(await outcomes([event('a', 'email_open', 'lead-1'), event('a', 'page_visit', 'lead-2'), event('a', 'form_submit', 'lead-1')])).toEqual(
      ['lead-1:a:email_open', 'lead-2:a:page_visit', 'drop'],
    );
  });
});
