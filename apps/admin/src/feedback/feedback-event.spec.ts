import { feedbackEvent } from './feedback-event';

const now = new Date('2026-11-23T10:00:00.000Z');

describe('feedbackEvent', () => {
  it('turns a feedback request into a sales_feedback event', () => {
    expect(feedbackEvent({ leadId: 'lead-1', body: { action: 'reject', reason: 'no budget', by: 'carol' }, eventId: 'feedback:1', now })).toEqual({
      ok: true,
      event: {
        v: 1, eventId: 'feedback:1', leadId: 'lead-1', type: 'sales_feedback', occurredAt: '2026-11-23T10:00:00.000Z', receivedAt: '2026-11-23T10:00:00.000Z',
        source: null, properties: { action: 'reject', reason: 'no budget', by: 'carol' }, traits: null, sourceKeyId: null, producer: 'admin',
      },
    });
  });

  it('lists the known actions for an unknown one, and refuses a malformed leadId', () => {
    expect(feedbackEvent({ leadId: 'bad lead', body: { action: 'maybe', by: 7 }, eventId: 'x', now })).toEqual({
      ok: false,
      errors: [
        { path: 'leadId', message: 'expected 1-128 characters of [A-Za-z0-9._:@+-]' },
        { path: 'action', message: 'must be one of contacted, accept, reject, opportunity, won, lost, disqualify' },
        { path: 'by', message: 'must be a string of at most 128 characters' },
      ],
    });
  });
});
