import Redis from 'ioredis';
import { type HealthCheck } from '@leadscore/observability';

/** A Redis connection that fails fast instead of queueing commands forever while Redis is down. */
export function createRedis(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 2000, lazyConnect: false });
}

export function redisHealthCheck(redis: Redis): HealthCheck {
  return {
    name: 'redis',
    check: async () => {
      if ((await redis.ping()) !== 'PONG') throw new Error('unexpected PING answer');
    },
  };
}
