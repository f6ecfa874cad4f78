import { handoffIds } from './handoff-ids';

describe('handoffIds', () => {
  const key = { leadId: 'lead-42', promotion: 'mql' as const, causeEventId: 'evt-7' };

  it('gives a repeat of the same promotion the same handoff and delivery ids', () => {
    expect(handoffIds({ ...key })).toEqual(handoffIds(key));
  });

  it('gives a UUID handoff id and a msg_ delivery id', () => {
    const ids = handoffIds(key);
    expect(ids.handoffId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.deliveryId).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  it.each([
    ['another lead', { ...key, leadId: 'lead-43' }],
    ['another promotion', { ...key, promotion: 'sql' as const }],
    ['another cause', { ...key, causeEventId: 'evt-8' }],
    ['the same characters split differently', { leadId: 'lead-42m', promotion: 'mql' as const, causeEventId: 'vt-7' }],
  ])('differs for %s', (_case, other) => {
    expect(handoffIds(other).handoffId).not.toBe(handoffIds(key).handoffId);
    expect(handoffIds(other).deliveryId).not.toBe(handoffIds(key).deliveryId);
  });
});
