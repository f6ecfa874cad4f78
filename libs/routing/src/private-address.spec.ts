import { isPrivateAddress } from './private-address';
import { resolveWebhookTarget } from './webhook-target';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
    '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe',
  ])('%s is refused', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
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
