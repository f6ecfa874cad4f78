import { isPrivateAddress } from './private-address';
import { lookupWithTimeout, resolveWebhookTarget } from './webhook-target';

describe('isPrivateAddress', () => {
  it.each([
    ['IPv4 unspecified', '0.0.0.0'], ['IPv4 this network', '0.1.2.3'], ['IPv4 private 10/8', '10.1.2.3'],
    ['IPv4 private 172.16/12 (low)', '172.16.0.1'], ['IPv4 private 172.16/12 (high)', '172.31.255.255'], ['IPv4 private 192.168/16', '192.168.1.1'],
    ['IPv4 loopback', '127.0.0.1'], ['IPv4 loopback (other)', '127.255.0.9'], ['IPv4 link-local (cloud metadata)', '169.254.169.254'],
    ['IPv4 CGNAT', '100.64.0.1'], ['IPv4 CGNAT (high)', '100.127.255.254'], ['IPv4 multicast', '224.0.0.1'], ['IPv4 broadcast', '255.255.255.255'],
    ['IPv4 reserved 240/4', '240.0.0.1'], ['IPv4 IETF 192.0.0/24', '192.0.0.8'], ['IPv4 TEST-NET-1', '192.0.2.1'], ['IPv4 benchmarking', '198.18.0.1'],
    ['IPv4 TEST-NET-2', '198.51.100.7'], ['IPv4 TEST-NET-3', '203.0.113.9'], ['IPv4 6to4 relay anycast', '192.88.99.1'],
    ['IPv6 unspecified', '::'], ['IPv6 loopback', '::1'], ['IPv6 link-local', 'fe80::1'], ['IPv6 link-local with zone', 'fe80::1%eth0'],
    ['IPv6 unique local fc00', 'fc00::1'], ['IPv6 unique local fd', 'fd12:3456::1'], ['IPv6 site-local', 'fec0::1'], ['IPv6 multicast', 'ff02::1'],
    ['IPv6 documentation', '2001:db8::1'], ['IPv6 discard', '100::1'], ['IPv6 benchmarking', '2001:2::1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'], ['IPv4-mapped private', '::ffff:10.0.0.1'], ['IPv4-mapped loopback, hex', '::ffff:7f00:1'],
    ['IPv4-mapped metadata, hex', '::ffff:a9fe:a9fe'], ['IPv4-mapped, long form', '0:0:0:0:0:ffff:7f00:1'], ['IPv4-mapped public', '::ffff:8.8.8.8'],
    ['IPv4-compatible loopback', '::127.0.0.1'], ['IPv4-compatible public', '::8.8.8.8'], ['IPv4-translated (RFC 6145)', '::ffff:0:7f00:1'],
    ['NAT64 (RFC 6052)', '64:ff9b::7f00:1'], ['NAT64 local-use', '64:ff9b:1::a00:1'],
    ['6to4 of loopback', '2002:7f00:1::1'], ['6to4 of a public address', '2002:808:808::1'],
    ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'], ['Teredo (short)', '2001::1'],
    ['not an address', 'localhost'], ['empty', ''],
  ])('%s (%s) is refused', (_range, address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '2a00:1450:4007:80e::200e'])(
    '%s is public', (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('lookupWithTimeout', () => {
  it('fails a lookup that never answers after the timeout', async () => {
    const silent = lookupWithTimeout(() => new Promise(() => undefined), 50);
    await expect(silent('slow.example')).rejects.toThrow('no DNS answer within 50 ms');
  });

  it('passes an answer through and turns the timeout into an unresolved target', async () => {
    const quick = lookupWithTimeout(async () => [{ address: '93.184.216.34', family: 4 }], 1000);
    expect(await quick('crm.example')).toEqual([{ address: '93.184.216.34', family: 4 }]);
    const target = await resolveWebhookTarget('https://slow.example/hook', { lookup: lookupWithTimeout(() => new Promise(() => undefined), 50), allowPrivate: false });
    expect(target).toEqual({ ok: false, message: 'host slow.example does not resolve (no DNS answer within 50 ms)' });
  });
});

describe('resolveWebhookTarget', () => {
  const lookup = async (host: string) => (host === 'crm.example' ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);

  it('returns the checked address to connect to', async () => {
    expect(await resolveWebhookTarget('https://crm.example/hook', { lookup, allowPrivate: false })).toMatchObject({ ok: true, address: '93.184.216.34', family: 4 });
  });

  it('refuses a host resolving to loopback unless private addresses are allowed', async () => {
    expect(await resolveWebhookTarget('https://rebind.example/hook', { lookup, allowPrivate: false })).toMatchObject({ ok: false });
    expect(await resolveWebhookTarget('http://[::ffff:127.0.0.1]:8080/', { lookup, allowPrivate: false })).toMatchObject({ ok: false });
    expect(await resolveWebhookTarget('http://127.0.0.1:8080/', { lookup, allowPrivate: true })).toMatchObject({ ok: true, address: '127.0.0.1' });
  });
});
