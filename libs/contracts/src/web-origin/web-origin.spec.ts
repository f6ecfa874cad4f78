import { originAllowed, parseAllowedOrigins, parseWebOrigin } from './web-origin';

describe('parseWebOrigin', () => {
  it.each([
    ['https://www.example.com', 'https://www.example.com'],
    ['HTTPS://WWW.Example.COM', 'https://www.example.com'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['https://example.com:443', 'https://example.com'],
    ['http://127.0.0.1:80', 'http://127.0.0.1'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
  ])('takes %s as the Origin a browser sends: %s', (text, origin) => {
    expect(parseWebOrigin(text)).toEqual({ ok: true, origin });
  });

  it.each([
    ['a path', 'https://www.example.com/'],
    ['a query', 'https://www.example.com?x=1'],
    ['credentials', 'https://user@www.example.com'],
    ['another scheme', 'ftp://example.com'],
    ['no scheme', 'www.example.com'],
    ['a bad port', 'https://example.com:99999'],
    ['a wildcard', 'https://*.example.com'],
    ['the null origin', 'null'],
    ['spaces', 'https://exa mple.com'],
  ])('refuses %s', (_name, text) => {
    expect(parseWebOrigin(text).ok).toBe(false);
  });
});

describe('parseAllowedOrigins', () => {
  it('normalizes the list and drops duplicates', () => {
    expect(parseAllowedOrigins(['https://A.example', 'https://a.example:443', 'http://b.example'])).toEqual({ ok: true, origins: ['https://a.example', 'http://b.example'] });
  });

  it('names each bad entry by its index', () => {
    const parsed = parseAllowedOrigins(['https://ok.example', 'https://bad.example/path', 7]);
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.path)).toEqual(['allowedOrigins.1', 'allowedOrigins.2']);
  });

  it('refuses what is not a list, and a list too long', () => {
    expect(parseAllowedOrigins('https://a.example')).toMatchObject({ ok: false, errors: [{ path: 'allowedOrigins' }] });
    expect(parseAllowedOrigins(Array.from({ length: 101 }, (_, i) => `https://h${i}.example`))).toMatchObject({ ok: false, errors: [{ path: 'allowedOrigins' }] });
  });
});

describe('originAllowed', () => {
  const listed = ['https://www.example.com'];
  it.each([
    ['any origin when the list is empty', [], 'https://evil.example', true],
    ['a call without Origin (not a browser call)', listed, undefined, true],
    ['a listed origin', listed, 'https://www.example.com', true],
    ['another origin', listed, 'https://evil.example', false],
    ['another port of the listed host', listed, 'https://www.example.com:8443', false],
    ['the opaque origin "null" (sandboxed iframe, file://)', listed, 'null', false],
  ])('allows or refuses %s', (_name, allowed, origin, expected) => {
    expect(originAllowed(allowed, origin)).toBe(expected);
  });
});
