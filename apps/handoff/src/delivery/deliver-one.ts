import { type AttemptRecord, type DueDelivery } from '@leadscore/persistence';
import { nextAttempt, parseRetryAfter, resolveWebhookTarget, signatureHeader, type LookupAll } from '@leadscore/routing';
import { type DeliveryStore } from './delivery-store.port';
import { postWebhook } from './post-webhook';

export interface DeliverDeps {
  store: DeliveryStore;
  lookup: LookupAll;
  allowPrivate: boolean;
  scheduleMs: readonly number[];
  attemptTimeoutMs: number;
  now: () => number;
  random: () => number;
  /** The HTTP POST (`postWebhook`; a unit test answers in its place). */
  post?: typeof postWebhook;
}

export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'gone';

/** One attempt of one delivery: check the endpoint, sign, POST, and decide what comes next. */
export async function deliverOne(deps: DeliverDeps, delivery: DueDelivery): Promise<{ outcome: DeliveryOutcome; record: AttemptRecord }> {
  const endpoint = await deps.store.teamEndpointState(delivery.teamId);
  if (!endpoint || endpoint.disabled) {
    return { outcome: 'failed', record: { kind: 'failed', statusCode: null, error: 'the team endpoint is disabled (it answered 410 Gone)' } };
  }
  const target = await resolveWebhookTarget(delivery.url, { lookup: deps.lookup, allowPrivate: deps.allowPrivate });
  if (!target.ok) return retryOrFail(deps, delivery, null, `webhook url ${target.message}`, null);
  const timestampS = Math.floor(deps.now() / 1000);
  const answer = await (deps.post ?? postWebhook)({
    url: target.url, address: target.address, family: target.family, body: delivery.body, timeoutMs: deps.attemptTimeoutMs,
    headers: {
      'webhook-id': delivery.id,
      'webhook-timestamp': String(timestampS),
      'webhook-signature': signatureHeader({ id: delivery.id, timestampS, body: delivery.body, secrets: endpoint.secrets }),
      'user-agent': 'leadscore-webhooks/1',
    },
  });
  if (answer.kind === 'error') return retryOrFail(deps, delivery, null, answer.error, null);
  if (answer.status >= 200 && answer.status < 300) return { outcome: 'delivered', record: { kind: 'delivered', statusCode: answer.status } };
  if (answer.status === 410) {
    await deps.store.disableTeamWebhook(delivery.teamId);
    return { outcome: 'gone', record: { kind: 'failed', statusCode: 410, error: 'receiver answered 410 Gone: the team endpoint is disabled' } };
  }
  const retryAfter = parseRetryAfter(headerText(answer.headers['retry-after']), deps.now());
  return retryOrFail(deps, delivery, answer.status, `receiver answered ${answer.status}`, retryAfter);
}

function retryOrFail(
  deps: DeliverDeps, delivery: DueDelivery, statusCode: number | null, error: string, retryAfterMs: number | null,
): { outcome: DeliveryOutcome; record: AttemptRecord } {
  const elapsedMs = delivery.firstAttemptAt ? deps.now() - delivery.firstAttemptAt.getTime() : 0;
  const next = nextAttempt({ schedule: deps.scheduleMs, attempts: delivery.attempts + 1, elapsedMs, retryAfterMs, random: deps.random() });
  if ('giveUp' in next) return { outcome: 'failed', record: { kind: 'failed', statusCode, error } };
  return { outcome: 'retry', record: { kind: 'retry', statusCode, error, retryInMs: next.retryInMs } };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
