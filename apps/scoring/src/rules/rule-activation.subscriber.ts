import Redis from 'ioredis';
import { type ContextLogger } from '@leadscore/observability';

/**
 * The channel the admin API publishes an activated version on (the message is the version). The
 * admin spells the same name (apps/admin/src/rules/rule-activation.channel.ts).
 */
export function ruleActivationChannel(namespace: string): string {
  return `${namespace ? `${namespace}:` : ''}leadscore:rules-activated`;
}

export interface RuleActivationSubscriberOptions {
  redisUrl: string;
  namespace: string;
  log: ContextLogger;
  /** Called on every signal, and after each (re)subscription in case one was missed meanwhile. */
  onActivation: () => void;
}

/**
 * Listens for rule activations on a dedicated Redis connection (a subscribed connection can run
 * no other command). Only a signal: the handler re-reads the active version from Postgres.
 */
export class RuleActivationSubscriber {
  private redis: Redis | null = null;

  constructor(private readonly options: RuleActivationSubscriberOptions) {}

  async start(): Promise<void> {
    const { log, onActivation } = this.options;
    const channel = ruleActivationChannel(this.options.namespace);
    // Retries forever in the background: the 2 s poll covers the worker while Redis is away.
    const redis = new Redis(this.options.redisUrl, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: null });
    this.redis = redis;
    redis.on('error', (error: Error) => log.warn('rule activation subscriber', { error: error.message }));
    redis.on('message', (_channel: string, message: string) => {
      log.info('rule activation signalled', { version: message });
      onActivation();
    });
    // ioredis resubscribes on reconnect; a signal sent while disconnected is caught up here.
    redis.on('ready', () => onActivation());
    try {
      await redis.connect();
      await redis.subscribe(channel);
      log.info('listening for rule activations', { channel });
    } catch (error) {
      log.warn('rule activation signals unavailable for now; polling only', { error: String(error) });
    }
  }

  async stop(): Promise<void> {
    const redis = this.redis;
    this.redis = null;
    if (!redis) return;
    await redis.quit().catch(() => redis.disconnect());
  }
}
