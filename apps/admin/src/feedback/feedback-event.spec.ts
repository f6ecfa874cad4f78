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

  it('keeps a won amount in the event, so that a replay keeps it', () => {
    const parsed = feedbackEvent({ leadId: 'lead-1', body: { action: 'won', amount: 1200.5 }, eventId: 'feedback:2', now });
    expect(parsed.ok && parsed.event.properties).toEqual({ action: 'won', amount: 1200.5 });
  });

  it.each([
    [{ action: 'won', amount: -1 }, 'must be at least 0'],
    [{ action: 'won', amount: 10.005 }, 'must have at most two decimals'],
    [{ action: 'won', amount: '100' }, 'must be a number'],
    [{ action: 'won', amount: 1e13 }, 'must be at most 999999999999.99'],
    [{ action: 'lost', amount: 5 }, 'only a won action carries an amount'],
  ])('given %j, then 400 on amount: %s', (body, message) => {
    expect(feedbackEvent({ leadId: 'lead-1', body, eventId: 'x', now })).toEqual({ ok: false, errors: [{ path: 'amount', message }] });
  });
});
