import { type DueDelivery } from '@leadscore/persistence';
import { formatSecret, GIVE_UP_AFTER_MS, signWebhook } from '@leadscore/routing';
import { deliverOne, type DeliverDeps } from './deliver-one';
import { type PostOutcome, type postWebhook } from './post-webhook';
import { InMemoryDeliveryStore } from './testing/in-memory-delivery-store';

const NOW_MS = Date.UTC(2026, 10, 23, 10, 0, 0);
const SECRET = formatSecret(new Uint8Array(32).fill(7));
const SCHEDULE_MS = [5_000, 300_000, 1_800_000];
type Post = Parameters<typeof postWebhook>[0];

const delivery = (overrides: Partial<DueDelivery> = {}): DueDelivery => ({
  id: 'msg_1', handoffId: 'h-1', teamId: 'sales', url: 'https://crm.example/hook', body: '{"type":"lead.mql"}', attempts: 0,
  firstAttemptAt: null, leaseToken: 'lease-1', ...overrides,
});

/** A receiver that gives `answer` to every POST; `random` 0.5 puts the ±10% jitter at exactly the scheduled delay. */
function harness(answer: PostOutcome) {
  const store = new InMemoryDeliveryStore(() => NOW_MS);
  store.teams.set('sales', { secrets: [SECRET], disabled: false });
  const posts: Post[] = [];
  const deps: DeliverDeps = {
    store, lookup: async () => [{ address: '93.184.215.14', family: 4 }], allowPrivate: false, scheduleMs: SCHEDULE_MS,
    attemptTimeoutMs: 15_000, now: () => NOW_MS, random: () => 0.5,
    post: async (input) => {
      posts.push(input);
      return answer;
    },
  };
  return { store, posts, deps };
}

const answered = (status: number, headers: Record<string, string> = {}): PostOutcome => ({ kind: 'answered', status, headers });

describe('deliverOne', () => {
  it('delivers on a 2xx: POSTs the body to the checked address with the Standard Webhooks headers', async () => {
    const { posts, deps } = harness(answered(204));

    const result = await deliverOne(deps, delivery());

    expect(result).toEqual({ outcome: 'delivered', record: { kind: 'delivered', statusCode: 204 } });
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect({ url: post.url.href, address: post.address, body: post.body, timeoutMs: post.timeoutMs }).toEqual({
      url: 'https://crm.example/hook', address: '93.184.215.14', body: '{"type":"lead.mql"}', timeoutMs: 15_000,
    });
    expect(post.headers).toMatchObject({
      'webhook-id': 'msg_1', 'webhook-timestamp': String(NOW_MS / 1000),
      'webhook-signature': signWebhook({ id: 'msg_1', timestampS: NOW_MS / 1000, body: '{"type":"lead.mql"}', secret: SECRET }),
    });
  });

  it.each([
    ['the first', 0, 5_000],
    ['the second', 1, 300_000],
    ['the third', 2, 1_800_000],
  ])('retries after %s failed attempt on the schedule\'s next delay', async (_name, attempts, retryInMs) => {
    const { deps } = harness(answered(500));

    const result = await deliverOne(deps, delivery({ attempts, firstAttemptAt: attempts === 0 ? null : new Date(NOW_MS - 60_000) }));

    expect(result).toEqual({ outcome: 'retry', record: { kind: 'retry', statusCode: 500, error: 'receiver answered 500', retryInMs } });
  });

  it('retries a receiver that cannot be reached, without a status code', async () => {
    const { deps } = harness({ kind: 'error', error: 'connect ECONNREFUSED' });

    expect(await deliverOne(deps, delivery())).toEqual({ outcome: 'retry', record: { kind: 'retry', statusCode: null, error: 'connect ECONNREFUSED', retryInMs: 5_000 } });
  });

  it.each([
    ['seconds', '120', 120_000],
    ['an HTTP date', new Date(NOW_MS + 600_000).toUTCString(), 600_000],
  ])('waits at least what Retry-After asks, given in %s', async (_name, header, retryInMs) => {
    const { deps } = harness(answered(503, { 'retry-after': header }));

    expect((await deliverOne(deps, delivery())).record).toEqual({ kind: 'retry', statusCode: 503, error: 'receiver answered 503', retryInMs });
  });

  it('keeps the schedule\'s delay when Retry-After asks for less', async () => {
    const { deps } = harness(answered(429, { 'retry-after': '1' }));

    expect((await deliverOne(deps, delivery())).record).toMatchObject({ kind: 'retry', retryInMs: 5_000 });
  });

  it('disables the team\'s endpoint on a 410, and sends nothing more to it', async () => {
    const { store, posts, deps } = harness(answered(410));

    const gone = await deliverOne(deps, delivery());
    const next = await deliverOne(deps, delivery({ id: 'msg_2' }));

    expect(gone).toEqual({ outcome: 'gone', record: { kind: 'failed', statusCode: 410, error: 'receiver answered 410 Gone: the team endpoint is disabled' } });
    expect(store.teams.get('sales')?.disabled).toBe(true);
    expect(next).toEqual({ outcome: 'failed', record: { kind: 'failed', statusCode: null, error: 'the team endpoint is disabled (it answered 410 Gone)' } });
    expect(posts.map((post) => post.headers['webhook-id'])).toEqual(['msg_1']);
  });

  it('gives up when the schedule is spent', async () => {
    const { deps } = harness(answered(500));

    const result = await deliverOne(deps, delivery({ attempts: SCHEDULE_MS.length, firstAttemptAt: new Date(NOW_MS - 3_600_000) }));

    expect(result).toEqual({ outcome: 'failed', record: { kind: 'failed', statusCode: 500, error: 'receiver answered 500' } });
  });

  it('gives up when the next attempt would fall past 3 days after the first', async () => {
    const { deps } = harness(answered(500));
    const firstAttemptAt = (sinceFirstMs: number) => new Date(NOW_MS - sinceFirstMs);

    const inside = await deliverOne(deps, delivery({ attempts: 1, firstAttemptAt: firstAttemptAt(GIVE_UP_AFTER_MS - 300_000) }));
    const past = await deliverOne(deps, delivery({ attempts: 1, firstAttemptAt: firstAttemptAt(GIVE_UP_AFTER_MS - 299_999) }));

    expect([inside.outcome, past.outcome]).toEqual(['retry', 'failed']);
  });

  it('refuses a webhook host that resolves to a private address, as a retry that never POSTs', async () => {
    const { posts, deps } = harness(answered(200));

    const result = await deliverOne({ ...deps, lookup: async () => [{ address: '10.0.0.5', family: 4 }] }, delivery());

    expect(result.outcome).toBe('retry');
    expect(result.record).toMatchObject({ statusCode: null, error: expect.stringContaining('resolves to 10.0.0.5') });
    expect(posts).toEqual([]);
  });
});
