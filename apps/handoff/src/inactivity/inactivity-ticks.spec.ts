import { inactivityEventId, inactivityTick } from './inactivity-ticks';

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

  it('keeps the plain id for every lead id that fits, up to 106 characters (ids already stored stay identical)', () => {
    const longest = 'l'.repeat(106);
    expect(inactivityEventId(longest, '2026-11-23')).toBe(`inactivity:${longest}:2026-11-23`);
    expect(inactivityEventId(longest, '2026-11-23')).toHaveLength(128);
  });

  it('gives a 128-character lead id a hashed id that fits, is stable per lead and day, and differs per lead and per day', () => {
    const lead = 'a'.repeat(128);
    const id = inactivityEventId(lead, '2026-11-23');
    expect(id).toMatch(/^inactivity:#[0-9a-f]{64}:2026-11-23$/);
    expect(id.length).toBeLessThanOrEqual(128);
    expect(inactivityEventId(lead, '2026-11-23')).toBe(id);
    expect(inactivityEventId('b'.repeat(128), '2026-11-23')).not.toBe(id);
    expect(inactivityEventId(lead, '2026-11-24')).not.toBe(id);
    expect(inactivityEventId('l'.repeat(107), '2026-11-23')).toMatch(/^inactivity:#/);
  });
});
