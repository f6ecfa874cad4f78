import { mapSegmentRequest, segmentBodyBytes } from './segment-request';

const receivedAt = new Date('2026-03-01T12:00:00.000Z');
const events = (route: Parameters<typeof mapSegmentRequest>[0], body: unknown) => {
  const mapped = mapSegmentRequest(route, body, receivedAt);
  if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
  return mapped.calls.map((call) => call.event);
};
const errorsOf = (route: Parameters<typeof mapSegmentRequest>[0], body: unknown) => {
  const mapped = mapSegmentRequest(route, body, receivedAt);
  return mapped.ok ? [] : mapped.errors;
};

describe('mapSegmentRequest', () => {
  it('refuses a body nested deeper than a call can be, without stringifying it (that overflows the stack)', () => {
    const deep = JSON.parse(`{"userId":"u-1","event":"Deep","properties":${'{"a":'.repeat(19_999)}{}${'}'.repeat(19_999)}}`) as unknown;
    expect(mapSegmentRequest('track', deep, receivedAt)).toEqual({ ok: false, errors: [{ path: 'body', message: 'the body must not nest deeper than 256 levels' }] });
    expect(mapSegmentRequest('batch', { batch: [deep] }, receivedAt)).toMatchObject({ ok: false, errors: [{ path: 'body' }] });
    expect(segmentBodyBytes(deep)).toBeNull();
    expect(segmentBodyBytes({ a: 1 })).toBe(7);
  });

  it('maps a track: userId → leadId, messageId → eventId, event → snake_case type, campaign source', () => {
    expect(events('track', {
      userId: 'u-1', anonymousId: 'anon-1', messageId: 'm-1', event: 'Whitepaper Downloaded',
      properties: { asset: 'guide.pdf' }, timestamp: '2026-03-01T10:00:00Z', context: { campaign: { source: 'newsletter' } },
    })).toEqual([{ eventId: 'm-1', leadId: 'u-1', type: 'whitepaper_downloaded', occurredAt: '2026-03-01T10:00:00.000Z', source: 'newsletter', properties: { asset: 'guide.pdf' } }]);
  });

  it('falls back to anonymousId, and to the time of receipt without a timestamp', () => {
    expect(events('track', { anonymousId: 'anon-2', event: 'clicked' })).toEqual([{ leadId: 'anon-2', type: 'clicked', properties: {} }]);
  });

  it('removes the device clock skew: occurredAt = receivedAt − (sentAt − timestamp)', () => {
    const [event] = events('batch', {
      sentAt: '2026-03-01T15:00:05Z', // the device clock is 3 h ahead
      batch: [{ type: 'track', userId: 'u-1', event: 'x', timestamp: '2026-03-01T15:00:00Z' }],
    });
    expect(event.occurredAt).toBe('2026-03-01T11:59:55.000Z');
  });

  it('maps page → page_visit with properties.url (from the properties, else context.page), and the page name', () => {
    expect(events('page', { userId: 'u-1', name: 'Pricing', properties: { url: 'https://x.test/pricing' } })[0])
      .toEqual({ leadId: 'u-1', type: 'page_visit', properties: { url: 'https://x.test/pricing', name: 'Pricing' } });
    expect(events('page', { userId: 'u-1', context: { page: { url: 'https://x.test/careers' } } })[0].properties).toEqual({ url: 'https://x.test/careers' });
  });

  it('maps screen → screen_view with properties.name', () => {
    expect(events('screen', { userId: 'u-1', name: 'Home' })[0]).toEqual({ leadId: 'u-1', type: 'screen_view', properties: { name: 'Home' } });
  });

  it('maps identify with its traits, recording the anonymousId it links', () => {
    expect(events('identify', { userId: 'u-1', anonymousId: 'anon-1', traits: { email: 'a@b.test', companySize: 50 } })[0])
      .toEqual({ leadId: 'u-1', type: 'identify', traits: { email: 'a@b.test', companySize: 50 }, properties: { anonymousId: 'anon-1' } });
    expect(events('identify', { anonymousId: 'anon-1', context: { traits: { country: 'FR' } } })[0])
      .toEqual({ leadId: 'anon-1', type: 'identify', traits: { country: 'FR' }, properties: {} });
  });

  it('maps group with the group traits under properties', () => {
    expect(events('group', { userId: 'u-1', groupId: 'acme', traits: { industry: 'retail' } })[0])
      .toEqual({ leadId: 'u-1', type: 'group', properties: { industry: 'retail', groupId: 'acme' } });
  });

  it('maps alias to an alias event on the known user with properties.previousId', () => {
    expect(events('alias', { userId: 'u-1', previousId: 'anon-1' })[0]).toEqual({ leadId: 'u-1', type: 'alias', properties: { previousId: 'anon-1' } });
  });

  it('reads each call of a batch by its type', () => {
    expect(events('batch', { batch: [{ type: 'identify', userId: 'a' }, { type: 'page', userId: 'b' }] }).map((event) => event.type)).toEqual(['identify', 'page_visit']);
  });

  it.each([
    ['a body that is not an object', 'track', [1], 'body'],
    ['no id at all', 'track', { event: 'x' }, 'userId'],
    ['a userId outside the leadId alphabet', 'track', { userId: 'a b', event: 'x' }, 'userId'],
    ['an anonymousId outside the alphabet', 'page', { anonymousId: 'é' }, 'anonymousId'],
    ['a track without event', 'track', { userId: 'a' }, 'event'],
    ['a timestamp that is not ISO-8601', 'track', { userId: 'a', event: 'x', timestamp: 'yesterday' }, 'timestamp'],
    ['properties that are not an object', 'track', { userId: 'a', event: 'x', properties: [] }, 'properties'],
    ['a numeric messageId', 'track', { userId: 'a', event: 'x', messageId: 5 }, 'messageId'],
    ['an alias without previousId', 'alias', { userId: 'a' }, 'previousId'],
    ['an alias whose previousId is outside the alphabet', 'alias', { userId: 'a', previousId: 'an on' }, 'previousId'],
    ['an empty batch', 'batch', { batch: [] }, 'batch'],
    ['a batch call of an unknown type', 'batch', { batch: [{ type: 'dance', userId: 'a' }] }, 'batch.0.type'],
    ['a batch call with a bad userId', 'batch', { batch: [{ type: 'track', userId: 'ok', event: 'x' }, { type: 'track', userId: 'no way', event: 'x' }] }, 'batch.1.userId'],
  ] as const)('refuses %s on its path', (_name, route, body, path) => {
    expect(errorsOf(route, body).map((error) => error.path)).toContain(path);
  });

  it('refuses a call over 32 KB on its own path', () => {
    const big = { type: 'track', userId: 'a', event: 'x', properties: { blob: 'x'.repeat(33 * 1024) } };
    expect(errorsOf('batch', { batch: [{ type: 'track', userId: 'a', event: 'x' }, big] })).toEqual([
      { path: 'batch.1', message: expect.stringMatching(/^a call must be at most 32768 bytes as JSON/) as unknown },
    ]);
  });
});
