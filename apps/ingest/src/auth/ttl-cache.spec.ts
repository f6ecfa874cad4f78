import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000;
  });

  it('gives a value back until its time is up, then forgets it', () => {
    const cache = new TtlCache<string, number>(5000, 10, clock);
    cache.set('a', 1);
    now += 4999;
    expect(cache.get('a')).toBe(1);
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('caches null (a key that does not exist) like any value', () => {
    const cache = new TtlCache<string, number | null>(5000, 10, clock);
    cache.set('missing', null);
    expect(cache.get('missing')).toBeNull();
  });

  it('restarts the time of an entry that is set again', () => {
    const cache = new TtlCache<string, number>(5000, 10, clock);
    cache.set('a', 1);
    now += 4000;
    cache.set('a', 2);
    now += 4000;
    expect(cache.get('a')).toBe(2);
  });

  it('drops the oldest entry when full', () => {
    const cache = new TtlCache<string, number>(5000, 2, clock);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('drops the entries whose value matches, and only those', () => {
    const cache = new TtlCache<string, { keyId: string } | null>(5000, 10, clock);
    cache.set('h1', { keyId: 'k1' });
    cache.set('h2', { keyId: 'k2' });
    cache.set('h3', null);
    expect(cache.deleteWhere((value) => value?.keyId === 'k1')).toBe(1);
    expect([cache.get('h1'), cache.get('h2'), cache.get('h3')]).toEqual([undefined, { keyId: 'k2' }, null]);
  });
});
