import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { JsonLogger } from '@leadscore/observability';
import { REDIS } from '../../admin.tokens';
import { ruleActivationChannel } from '../rule-activation.channel';

/**
 * Tells running scoring workers at once that a version was activated. Best effort: a worker that
 * misses the signal (Redis down, not subscribed yet) finds the new version on its next poll.
 */
@Injectable()
export class RuleActivationPublisher {
  private readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) config: LeadscoreConfig,
    private readonly logger: JsonLogger,
  ) {
    this.channel = ruleActivationChannel(config.namespace);
  }

  async publish(version: number): Promise<void> {
    try {
      await this.redis.publish(this.channel, String(version));
    } catch (error) {
      this.logger.child('rules').warn('activation signal not sent; workers will poll it', { version, error });
    }
  }
}
