import { presentedWriteKey } from './presented-write-key';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('presentedWriteKey', () => {
  it.each([
    ['a Bearer token', { authorization: 'Bearer wk_abc' }, 'wk_abc'],
    ['a lower-case bearer scheme with spaces around', { authorization: '  bearer   wk_abc ' }, 'wk_abc'],
    ['Basic auth with the key as user name and no password (Segment SDKs)', { authorization: basic('wk_abc:') }, 'wk_abc'],
    ['Basic auth with a password, which is ignored', { authorization: basic('wk_abc:whatever') }, 'wk_abc'],
    ['Basic auth without a colon', { authorization: basic('wk_abc') }, 'wk_abc'],
    ['the k query parameter', { queryKey: 'wk_abc' }, 'wk_abc'],
    ['the header before the query parameter', { authorization: 'Bearer from-header', queryKey: 'from-query' }, 'from-header'],
  ])('reads %s', (_name, carriers, key) => {
    expect(presentedWriteKey(carriers)).toEqual({ ok: true, key });
  });

  it.each([
    ['nothing', {}, 'a write key is required: Authorization: Bearer KEY, Basic auth with the key as user name, or ?k=KEY'],
    ['an empty header and an empty k', { authorization: ' ', queryKey: '' }, 'a write key is required: Authorization: Bearer KEY, Basic auth with the key as user name, or ?k=KEY'],
    ['a scheme alone', { authorization: 'Bearer' }, 'expected Authorization: Bearer KEY, or Basic auth with the key as user name'],
    ['another scheme', { authorization: 'Token wk_abc' }, 'expected Authorization: Bearer KEY, or Basic auth with the key as user name'],
    ['a token with spaces', { authorization: 'Bearer wk abc' }, 'expected Authorization: Bearer KEY, or Basic auth with the key as user name'],
    ['Basic credentials that are not base64', { authorization: 'Basic not*base64' }, 'expected Authorization: Bearer KEY, or Basic auth with the key as user name'],
    ['Basic auth with an empty user name', { authorization: basic(':secret') }, 'Basic auth must carry the write key as user name'],
    ['k given twice', { queryKey: ['a', 'b'] }, 'give the k query parameter once'],
  ])('refuses %s', (_name, carriers, message) => {
    expect(presentedWriteKey(carriers)).toEqual({ ok: false, message });
  });
});
