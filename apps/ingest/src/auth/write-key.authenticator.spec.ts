import { loadConfig } from '@leadscore/config';
import { Unauthorized, Unavailable } from '@leadscore/http';
import { type ActiveWriteKey, hashWriteKey } from '@leadscore/persistence';
import { STRANGER_LOOKUPS_MAX, UNKNOWN_KEY_CACHE_MAX, WRITE_KEY_CACHE_TTL_MS, WriteKeyAuthenticator } from './write-key.authenticator';

const ADMIN_TOKEN = 'admin-token-0123456789';

function setUp(keys: Record<string, string> = { 'wk_live': 'key-1' }) {
  const clock = { at: new Date('2026-03-01T12:00:00Z'), now() { return this.at; } };
  const active = new Map(Object.entries(keys).map(([key, id]) => [hashWriteKey(key), { id, name: `source ${id}`, keyHash: hashWriteKey(key), keyPrefix: key.slice(0, 4), allowedOrigins: [] }]));
  const lookup = { findActiveByHash: jest.fn(async (hash: string): Promise<ActiveWriteKey | null> => active.get(hash) ?? null) };
  const authenticator = new WriteKeyAuthenticator(lookup, loadConfig({ ADMIN_TOKEN }), clock);
  const advance = (ms: number) => { clock.at = new Date(clock.at.getTime() + ms); };
  const revoke = (key: string) => active.delete(hashWriteKey(key));
  return { authenticator, lookup, advance, revoke };
}

describe('WriteKeyAuthenticator', () => {
  it('gives the source of an active key, looked up by hash (the key itself never leaves)', async () => {
    const { authenticator, lookup } = setUp();
    await expect(authenticator.authenticate('wk_live')).resolves.toEqual({ keyId: 'key-1', name: 'source key-1', allowedOrigins: [] });
    expect(lookup.findActiveByHash).toHaveBeenCalledWith(hashWriteKey('wk_live'));
  });

  it('refuses an unknown key with a 401 on the authorization path', async () => {
    const { authenticator } = setUp();
    await expect(authenticator.authenticate('wk_wrong')).rejects.toEqual(new Unauthorized('authorization', 'the write key is not valid or has been revoked'));
  });

  it('refuses the admin token without asking the database, as it would any wrong key', async () => {
    const { authenticator, lookup } = setUp({ [ADMIN_TOKEN]: 'stored-by-mistake' });
    await expect(authenticator.authenticate(ADMIN_TOKEN)).rejects.toEqual(new Unauthorized('authorization', 'the write key is not valid or has been revoked'));
    expect(lookup.findActiveByHash).not.toHaveBeenCalled();
  });

  it('asks the database once per key within the cache time, for found and unknown keys alike', async () => {
    const { authenticator, lookup } = setUp();
    await authenticator.authenticate('wk_live');
    await authenticator.authenticate('wk_live');
    await authenticator.authenticate('wk_wrong').catch(() => undefined);
    await authenticator.authenticate('wk_wrong').catch(() => undefined);
    expect(lookup.findActiveByHash).toHaveBeenCalledTimes(2);
  });

  it('stops accepting a revoked key once the cache time has passed', async () => {
    const { authenticator, advance, revoke } = setUp();
    await authenticator.authenticate('wk_live');
    revoke('wk_live');
    advance(WRITE_KEY_CACHE_TTL_MS - 1);
    await expect(authenticator.authenticate('wk_live')).resolves.toMatchObject({ keyId: 'key-1' });
    advance(1);
    await expect(authenticator.authenticate('wk_live')).rejects.toBeInstanceOf(Unauthorized);
  });

  it('answers Unavailable (503), not 401, when the database cannot be asked', async () => {
    const { authenticator, lookup } = setUp();
    lookup.findActiveByHash.mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
    await expect(authenticator.authenticate('wk_live')).rejects.toBeInstanceOf(Unavailable);
    await expect(authenticator.authenticate('wk_live')).resolves.toMatchObject({ keyId: 'key-1' });
  });

  it('keeps a valid key cached however many unknown keys come after it (they have a cache of their own)', async () => {
    const { authenticator, lookup } = setUp();
    await authenticator.authenticate('wk_live');
    for (let i = 0; i < UNKNOWN_KEY_CACHE_MAX / 5 + 10_001; i++) await authenticator.authenticate(`wk_guess_${i}`).catch(() => undefined);
    lookup.findActiveByHash.mockClear();
    await expect(authenticator.authenticate('wk_live')).resolves.toMatchObject({ keyId: 'key-1' });
    expect(lookup.findActiveByHash).not.toHaveBeenCalled();
  });

  it('asks once for one unknown key sent many times at once', async () => {
    const { authenticator, lookup } = setUp();
    const answers = await Promise.allSettled(Array.from({ length: 50 }, () => authenticator.authenticate('wk_wrong')));
    expect(answers.every((answer) => answer.status === 'rejected' && answer.reason instanceof Unauthorized)).toBe(true);
    expect(lookup.findActiveByHash).toHaveBeenCalledTimes(1);
  });

  it('lets keys not seen valid hold only a few lookups at once (503 past them), while a known source is still looked up', async () => {
    const { authenticator, lookup, advance } = setUp();
    await authenticator.authenticate('wk_live');
    advance(WRITE_KEY_CACHE_TTL_MS); // its cached answer expired: the next request asks the database again
    lookup.findActiveByHash.mockClear();
    const release: Array<() => void> = [];
    const real = lookup.findActiveByHash.getMockImplementation()!;
    lookup.findActiveByHash.mockImplementation((hash) => new Promise((resolve) => release.push(() => void real(hash).then(resolve))));
    const strangers = Array.from({ length: STRANGER_LOOKUPS_MAX + 3 }, (_, i) => authenticator.authenticate(`wk_guess_${i}`));
    const known = authenticator.authenticate('wk_live');
    const settled = await Promise.allSettled(strangers.slice(STRANGER_LOOKUPS_MAX));
    expect(settled.every((answer) => answer.status === 'rejected' && answer.reason instanceof Unavailable)).toBe(true);
    expect(lookup.findActiveByHash).toHaveBeenCalledTimes(STRANGER_LOOKUPS_MAX + 1);
    for (const go of release) go();
    await expect(known).resolves.toMatchObject({ keyId: 'key-1' });
    await Promise.allSettled(strangers);
  });
});
