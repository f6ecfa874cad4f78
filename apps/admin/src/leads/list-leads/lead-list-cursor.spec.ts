import { decodeLeadListCursor, encodeLeadListCursor } from './lead-list-cursor';

describe('lead list cursor', () => {
  it.each([
    [{ score: '65.50', leadId: 'lead-42' }],
    [{ score: '-3', leadId: 'anon:9f@x+y.z' }],
    [{ score: '999999999999.99', leadId: 'a' }],
  ])('gives back the position it encoded: %j', (position) => {
    expect(decodeLeadListCursor(encodeLeadListCursor(position))).toEqual(position);
  });

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['JSON null', encode(null)],
    ['a number score', encode({ s: 65.5, id: 'lead-1' })],
    ['a score that is not a decimal', encode({ s: '1e3', id: 'lead-1' })],
    ['a leadId outside the alphabet', encode({ s: '10', id: 'bad id' })],
    ['no leadId', encode({ s: '10' })],
  ])('refuses %s', (_label, text) => {
    expect(decodeLeadListCursor(text)).toBeNull();
  });
});
