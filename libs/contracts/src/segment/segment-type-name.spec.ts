import { segmentTypeName } from './segment-type-name';

describe('segmentTypeName', () => {
  it.each([
    ['Whitepaper Downloaded', 'whitepaper_downloaded'],
    ['videoViewed', 'video_viewed'],
    ['HTMLFormSubmitted', 'html_form_submitted'],
    ['Order #42 -- completed!', 'order_42_completed'],
    ['email_open', 'email_open'],
    ['  Signed   Up  ', 'signed_up'],
    ['42 Clicks', 'e_42_clicks'],
    ['_private', 'private'],
    ['', 'e'],
    ['!!!', 'e'],
    ['Été à Paris', 't_paris'],
  ])('names %j as %j', (event, type) => {
    expect(segmentTypeName(event)).toBe(type);
  });

  it('keeps at most 64 characters, never ending on an underscore', () => {
    const type = segmentTypeName(`${'a'.repeat(63)} b`);
    expect(type).toBe('a'.repeat(63));
    expect(segmentTypeName('x'.repeat(100))).toHaveLength(64);
  });

  it('always yields a valid event type', () => {
    for (const event of ['', '0', '_', 'A', 'aB', '9 lives', 'Ünïcode', '-'.repeat(80)]) {
      expect(segmentTypeName(event)).toMatch(/^[a-z][a-z0-9_]{0,63}$/);
    }
  });
});
