import { segmentApiHost } from './segment-api-host';

const none = { publicUrl: null, host: undefined, forwardedHost: undefined, forwardedProto: undefined };

describe('segmentApiHost', () => {
  it.each([
    ['the Host header, over http (ingest serves no TLS itself)', { host: '127.0.0.1:3000' }, { protocol: 'http', apiHost: '127.0.0.1:3000/v1' }],
    ['the first hop of X-Forwarded-Host and -Proto, from a proxy in front', { host: 'ingest:3000', forwardedHost: 'ingest.example.com, proxy.internal', forwardedProto: 'https,http' }, { protocol: 'https', apiHost: 'ingest.example.com/v1' }],
    ['INGEST_PUBLIC_URL over every header, its path kept', { publicUrl: 'https://www.example.com/leadscore', host: 'evil.example', forwardedHost: 'evil.example', forwardedProto: 'http' }, { protocol: 'https', apiHost: 'www.example.com/leadscore/v1' }],
    ['an http INGEST_PUBLIC_URL with a port', { publicUrl: 'http://127.0.0.1:8080' }, { protocol: 'http', apiHost: '127.0.0.1:8080/v1' }],
    ['Host when X-Forwarded-Host is not a host', { host: 'ingest.example.com', forwardedHost: 'evil.example/"><script>', forwardedProto: 'javascript' }, { protocol: 'http', apiHost: 'ingest.example.com/v1' }],
    ['an IPv6 Host', { host: '[::1]:3000' }, { protocol: 'http', apiHost: '[::1]:3000/v1' }],
    ['localhost when nothing usable was sent', { host: 'a b' }, { protocol: 'http', apiHost: 'localhost/v1' }],
  ])('takes %s', (_name, hints, expected) => {
    expect(segmentApiHost({ ...none, ...hints })).toEqual(expected);
  });
});
