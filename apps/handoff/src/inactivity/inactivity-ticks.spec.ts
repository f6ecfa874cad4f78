import { inactivityTick } from './inactivity-ticks';

describe('inactivityTick', () => {
  it('names the lead and the UTC day in its eventId and counts whole idle days', () => {
    const tick = inactivityTick('lead-7', new Date('2026-11-01T10:00:00Z'), new Date('2026-11-23T09:00:00Z'));
    expect(tick).toEqual({
      v: 1, eventId: 'inactivity:lead-7:2026-11-23', leadId: 'lead-7', type: 'inactivity_tick',
      occurredAt: '2026-11-23T09:00:00.000Z', receivedAt: '2026-11-23T09:00:00.000Z', source: null,
      properties: { idleDays: 21 }, traits: null, sourceKeyId: null, producer: 'scheduler',
    });
  });

  it('gives the same eventId to every run of the same day', () => {
    const last = new Date('2026-10-01T00:00:00Z');
    expect(inactivityTick('a', last, new Date('2026-11-23T00:00:01Z')).eventId).toBe(inactivityTick('a', last, new Date('2026-11-23T23:59:59Z')).eventId);
  });
});
