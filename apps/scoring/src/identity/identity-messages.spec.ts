import { type StoredEvent } from '@leadscore/persistence';
import { MAX_MERGE_HOPS, mergedCopy, mergeMarker } from './identity-messages';

const stored = (fields: Partial<StoredEvent> = {}): StoredEvent => ({
  seq: '10', eventId: 'e-1', leadId: 'anon-1', type: 'page_visit', occurredAt: new Date('2026-03-01T09:00:00Z'),
  receivedAt: new Date('2026-03-01T09:00:01Z'), source: 'ads', properties: { url: '/pricing' }, traits: null, sourceKeyId: 'key-1', producer: 'public', ...fields,
});

describe('mergeMarker', () => {
  it('sends identity_merged to the linked id, derived from the link so a resend is deduped', () => {
    const link = stored({ eventId: 'm-7', leadId: 'user-1', type: 'alias', properties: { previousId: 'anon-1' } });
    expect(mergeMarker(link, 'anon-1')).toEqual({
      v: 1, eventId: 'merge:m-7', leadId: 'anon-1', type: 'identity_merged', occurredAt: '2026-03-01T09:00:00.000Z',
      receivedAt: '2026-03-01T09:00:01.000Z', source: null, properties: { into: 'user-1', linkEventId: 'm-7' }, traits: null, sourceKeyId: 'key-1', producer: 'scoring',
    });
    expect(mergeMarker(link, 'anon-1')).toEqual(mergeMarker(link, 'anon-1'));
  });

  it('hashes a link eventId too long to prefix, staying within 128 characters', () => {
    const marker = mergeMarker(stored({ eventId: 'x'.repeat(128), leadId: 'user-1' }), 'anon-1');
    expect(marker.eventId).toMatch(/^merge:[0-9a-f]{40}$/);
  });
});

describe('mergedCopy', () => {
  it('copies the event to the target unchanged but for its lead, its id and where it came from', () => {
    const copy = mergedCopy(stored(), 'user-1')!;
    expect(copy).toMatchObject({
      leadId: 'user-1', type: 'page_visit', occurredAt: '2026-03-01T09:00:00.000Z', source: 'ads', sourceKeyId: 'key-1', producer: 'public',
      properties: { url: '/pricing', mergedFrom: { leadId: 'anon-1', eventId: 'e-1', path: ['anon-1'] } },
    });
    expect(copy.eventId).toMatch(/^merged:[0-9a-f]{40}$/);
  });

  it('gives the same id for the same target and event, another for another target', () => {
    expect(mergedCopy(stored(), 'user-1')!.eventId).toBe(mergedCopy(stored(), 'user-1')!.eventId);
    expect(mergedCopy(stored(), 'user-1')!.eventId).not.toBe(mergedCopy(stored(), 'user-2')!.eventId);
  });

  it('gives another id to another lead\'s event of the same eventId: both copies are stored in the target', () => {
    expect(mergedCopy(stored({ leadId: 'anon-1' }), 'user-1')!.eventId).not.toBe(mergedCopy(stored({ leadId: 'anon-2' }), 'user-1')!.eventId);
  });

  it('keeps the first origin along a chain of merges', () => {
    const first = mergedCopy(stored(), 'user-1')!;
    const again = mergedCopy(stored({ eventId: first.eventId, leadId: 'user-1', properties: first.properties }), 'user-2')!;
    expect(again.properties.mergedFrom).toEqual({ leadId: 'anon-1', eventId: 'e-1', path: ['anon-1', 'user-1'] });
  });

  it('stops a copy that would go round a cycle or too far', () => {
    const first = mergedCopy(stored(), 'user-1')!;
    expect(mergedCopy(stored({ eventId: first.eventId, leadId: 'user-1', properties: first.properties }), 'anon-1')).toBeNull();
    const far = { leadId: 'a', eventId: 'e', path: Array.from({ length: MAX_MERGE_HOPS }, (_, i) => `hop-${i}`) };
    expect(mergedCopy(stored({ leadId: 'last', properties: { mergedFrom: far } }), 'next')).toBeNull();
  });
});
