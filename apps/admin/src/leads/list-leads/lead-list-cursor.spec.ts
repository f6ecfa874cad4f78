import { decodeLeadListCursor, decodeWinProbabilityCursor, encodeLeadListCursor, encodeWinProbabilityCursor } from './lead-list-cursor';

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

describe('win probability cursor', () => {
  it.each([
    [{ winProbability: 0.7312345678901234, leadId: 'lead-42' }],
    [{ winProbability: 1 / 3, leadId: 'a' }],
    [{ winProbability: 0, leadId: 'anon:9f@x+y.z' }],
    [{ winProbability: null, leadId: 'lead-without-one' }],
  ])('gives back the exact position it encoded: %j', (position) => {
    expect(decodeWinProbabilityCursor(encodeWinProbabilityCursor(position))).toEqual(position);
  });

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

  it.each([
    ['a score cursor', encodeLeadListCursor({ score: '10', leadId: 'lead-1' })],
    ['a probability above 1', encode({ w: 1.5, id: 'lead-1' })],
    ['a probability as text', encode({ w: '0.5', id: 'lead-1' })],
    ['no probability at all', encode({ id: 'lead-1' })],
    ['a leadId outside the alphabet', encode({ w: 0.5, id: 'bad id' })],
  ])('refuses %s', (_label, text) => {
    expect(decodeWinProbabilityCursor(text)).toBeNull();
  });
});
