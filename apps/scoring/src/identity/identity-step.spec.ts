import { type StoredEvent } from '@leadscore/persistence';
import { identityPlan } from './identity-step';

const stored = (seq: number, leadId: string, type: string, properties: Record<string, unknown> = {}): StoredEvent => ({
  seq: String(seq), eventId: `e-${seq}`, leadId, type, occurredAt: new Date('2026-03-01T09:00:00Z'),
  receivedAt: new Date('2026-03-01T09:00:01Z'), source: null, properties, traits: null, sourceKeyId: null,
  producer: type === 'identity_merged' ? 'scoring' : 'public',
});

describe('identityPlan', () => {
  it('records a merge as a forwarding job up to its marker, and sends no copy of the history in the batch', () => {
    const marker = stored(900, 'anon-1', 'identity_merged', { into: 'user-1' });
    expect(identityPlan([{ kind: 'merged', event: marker, into: 'user-1' }])).toEqual({
      messages: [],
      forwardings: [{ fromLead: 'anon-1', intoLead: 'user-1', markerSeq: '900' }],
    });
  });

  it('sends a marker for a link and a copy for a forwarded event, in the effects\' order', () => {
    const plan = identityPlan([
      { kind: 'link', event: stored(1, 'user-1', 'alias', { previousId: 'anon-1' }), otherId: 'anon-1' },
      { kind: 'forward', event: stored(2, 'anon-2', 'page_visit'), into: 'user-2' },
    ]);
    expect(plan.forwardings).toEqual([]);
    expect(plan.messages.map((m) => [m.leadId, m.type, m.eventId.split(':')[0]])).toEqual([
      ['anon-1', 'identity_merged', 'merge'], ['user-2', 'page_visit', 'merged'],
    ]);
  });

  it('drops a forwarded copy that would go round a cycle', () => {
    const copyFromUser = stored(3, 'anon-1', 'page_visit', { mergedFrom: { leadId: 'user-1', eventId: 'x', path: ['user-1'] } });
    expect(identityPlan([{ kind: 'forward', event: copyFromUser, into: 'user-1' }]).messages).toEqual([]);
  });
});
