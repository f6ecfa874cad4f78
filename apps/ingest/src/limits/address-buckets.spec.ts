import { AddressBuckets, addressKey } from './address-buckets';

function buckets(options: { ratePerSecond?: number; burst?: number; maxAddresses?: number } = {}) {
  const clock = { at: 0 };
  const limiter = new AddressBuckets({ ratePerSecond: options.ratePerSecond ?? 2, burst: options.burst ?? 3, maxAddresses: options.maxAddresses ?? 100, now: () => clock.at });
  return { limiter, advance: (ms: number) => void (clock.at += ms) };
}

describe('AddressBuckets', () => {
  it('lets an address through up to its burst, then refuses it with the seconds until a token is back', () => {
    const { limiter } = buckets();
    expect([1, 2, 3].map(() => limiter.take('203.0.113.7').allowed)).toEqual([true, true, true]);
    expect(limiter.take('203.0.113.7')).toEqual({ allowed: false, retryAfterS: 1 });
  });

  it('refills at its rate', () => {
    const { limiter, advance } = buckets();
    for (let i = 0; i < 3; i++) limiter.take('203.0.113.7');
    advance(500);
    expect(limiter.take('203.0.113.7').allowed).toBe(true);
    expect(limiter.take('203.0.113.7').allowed).toBe(false);
  });

  it('keeps addresses apart', () => {
    const { limiter } = buckets({ burst: 1 });
    expect(limiter.take('203.0.113.7').allowed).toBe(true);
    expect(limiter.take('203.0.113.8').allowed).toBe(true);
    expect(limiter.take('203.0.113.7').allowed).toBe(false);
  });

  it('counts every address of one IPv6 /64 together, and a mapped IPv4 as the IPv4', () => {
    const { limiter } = buckets({ burst: 2 });
    expect(limiter.take('2001:db8:1:2::1').allowed).toBe(true);
    expect(limiter.take('2001:db8:1:2:ffff::9').allowed).toBe(true);
    expect(limiter.take('2001:db8:1:2::abcd').allowed).toBe(false);
    expect(limiter.take('2001:db8:1:3::1').allowed).toBe(true);
    expect(addressKey('::ffff:198.51.100.4')).toBe('198.51.100.4');
  });

  it('remembers at most maxAddresses, forgetting the least recently seen', () => {
    const { limiter } = buckets({ burst: 1, maxAddresses: 2 });
    limiter.take('198.51.100.1');
    limiter.take('198.51.100.2');
    limiter.take('198.51.100.1');
    limiter.take('198.51.100.3');
    expect(limiter.size).toBe(2);
    expect(limiter.take('198.51.100.1').allowed).toBe(false); // still remembered: seen more recently than .2
    expect(limiter.take('198.51.100.2').allowed).toBe(true); // forgotten: starts full again
  });
});
