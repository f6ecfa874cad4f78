import type Redis from 'ioredis';
import { type ContextLogger } from '@leadscore/observability';

export interface RevocationSubscriptionOptions {
  /** The app's connection: the subscription runs on a duplicate (a subscribed connection runs nothing else). */
  redis: Redis;
  channel: string;
  /** Drops the cached entries of the id announced. */
  forget: (id: string) => void;
  log: ContextLogger;
  /** What the warning names while the subscription is not in place (`token revocations`). */
  what: string;
}

/**
 * Listens for the ids another process announces as revoked (write keys, ops tokens) and drops their
 * cached lookups at once. Not awaited: start-up must not wait for Redis (ioredis queues the command
 * and subscribes again after a reconnection); with Redis away the cache TTL still bounds how long
 * a revoked id works. Answers the function that ends it.
 */
export function subscribeToRevocations(options: RevocationSubscriptionOptions): () => void {
  const { log } = options;
  const subscriber = options.redis.duplicate();
  subscriber.on('error', (error: Error) => log.debug('redis subscriber error', { error: error.message }));
  subscriber.on('message', (_channel: string, id: string) => options.forget(id));
  subscriber.subscribe(options.channel).catch((error: unknown) => {
    log.warn(`not subscribed to ${options.what} yet; the cache TTL still applies`, { error: String(error) });
  });
  return () => subscriber.disconnect();
}
