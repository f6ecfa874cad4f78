import { type NewEvent } from '@leadscore/persistence';
import { dedupeEventsStep } from './dedupe-events.step';

const event = (eventId: string, type = 'email_open'): NewEvent => ({
  eventId, leadId: 'lead-1', type, occurredAt: new Date(0), receivedAt: new Date(0), source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
});

describe('dedupe-events step', () => {
  it('keeps the first event of each eventId, in batch order, and drops the repeats', async () => {
    const results = await dedupeEventsStep.run([event('a'), event('b'), event('a', 'page_visit'), event('c'), event('b')]);
    expect(results.map((result) => (result.kind === 'ok' ? `${result.value.eventId}:${result.value.type}` : result.kind))).toEqual(
      ['a:email_open', 'b:email_open', 'drop', 'c:email_open', 'drop'],
    );
  });
});
