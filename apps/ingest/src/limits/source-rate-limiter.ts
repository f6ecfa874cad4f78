import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { RateLimited } from '@leadscore/http';
import { type ContextLogger, JsonLogger } from '@leadscore/observability';
import { IngestConnections } from '../ingest.connections';
import { IngestMetrics } from '../ingest.metrics';
import { rateBucketKey, TOKEN_BUCKET_LUA } from './token-bucket.script';

/** Past this, the limiter lets the request through: a slow Redis must not stall ingest. */
const REDIS_DEADLINE_MS = 250;

type WithBucket = Redis & { leadscoreTakeTokens(key: string, rate: number, burst: number, cost: number): Promise<[number, number]> };

export type Admission = { allowed: true } | { allowed: false; retryAfterS: number };

/**
 * The per-source rate limit (INGEST_RATE_PER_SECOND, INGEST_RATE_BURST): a token bucket in Redis,
 * one request = one token, shared by every ingest instance. When Redis does not answer in time the
 * request is let through and counted: the limit protects the system, it must not become the outage.
 */
@Injectable()
export class SourceRateLimiter {
  private readonly redis: WithBucket;
  private readonly logger: ContextLogger;

  constructor(
    connections: IngestConnections,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    private readonly metrics: IngestMetrics,
    logger: JsonLogger,
  ) {
    const redis = connections.redis as WithBucket;
    if (typeof redis.leadscoreTakeTokens !== 'function') redis.defineCommand('leadscoreTakeTokens', { numberOfKeys: 1, lua: TOKEN_BUCKET_LUA });
    this.redis = redis;
    this.logger = logger.child('rate-limit');
  }

  async admission(sourceId: string): Promise<Admission> {
    const key = rateBucketKey(this.config.namespace, sourceId);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), REDIS_DEADLINE_MS);
    });
    const taken = this.redis.leadscoreTakeTokens(key, this.config.ingestRatePerSecond, this.config.ingestRateBurst, 1).catch((error: unknown) => {
      this.logger.debug('rate limit not checked', { error: error instanceof Error ? error.message : String(error) });
      return null;
    });
    const answer = await Promise.race([taken, deadline]).finally(() => clearTimeout(timer));
    if (answer === null) {
      this.metrics.rateLimitUnchecked.inc();
      return { allowed: true };
    }
    const [allowed, waitMs] = answer;
    return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Throws RateLimited (429 with Retry-After) when the source is over its limit. */
  async admit(sourceId: string): Promise<void> {
    const admission = await this.admission(sourceId);
    if (!admission.allowed) {
      this.metrics.rateLimited.inc();
      throw new RateLimited(admission.retryAfterS, `this source is over its rate limit (${this.config.ingestRatePerSecond} requests/s); retry in ${admission.retryAfterS} s`);
    }
  }
}
