import { optedOut } from '../browsers/opted-out';
import { pixelEvent, TRANSPARENT_GIF } from './pixel-hit';

describe('pixelEvent', () => {
  it('maps lead and type, and every other parameter but the key to properties', () => {
    expect(pixelEvent({ k: 'wk_1', lead: 'lead-1', type: 'email_click', campaign: 'spring', variant: ['a', 'b'] }))
      .toEqual({ leadId: 'lead-1', type: 'email_click', properties: { campaign: 'spring', variant: ['a', 'b'] } });
  });

  it.each([[undefined], ['']])('defaults the type to email_open when it is %j', (type) => {
    expect(pixelEvent({ lead: 'lead-1', type }).type).toBe('email_open');
  });

  it('passes a missing or repeated lead on as it is, for the contract to refuse', () => {
    expect(pixelEvent({}).leadId).toBeUndefined();
    expect(pixelEvent({ lead: ['a', 'b'] }).leadId).toEqual(['a', 'b']);
  });
});

describe('optedOut', () => {
  it.each([
    [{ 'sec-gpc': '1' }, true],
    [{ dnt: '1' }, true],
    [{ dnt: ' 1 ' }, true],
    [{ dnt: '0' }, false],
    [{ 'sec-gpc': '0', dnt: undefined }, false],
    [{}, false],
  ])('reads %j as %s', (headers, expected) => {
    expect(optedOut(headers)).toBe(expected);
  });
});

describe('TRANSPARENT_GIF', () => {
  it('is a 1×1 GIF89a', () => {
    expect(TRANSPARENT_GIF.subarray(0, 6).toString('ascii')).toBe('GIF89a');
    expect(TRANSPARENT_GIF.readUInt16LE(6)).toBe(1);
    expect(TRANSPARENT_GIF.readUInt16LE(8)).toBe(1);
  });
});
