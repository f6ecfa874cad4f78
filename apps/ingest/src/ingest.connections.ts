import { type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { type Pool } from 'pg';
import { type LeadscoreConfig } from '@leadscore/config';
import { createKafkaClient, type KafkaClient, KafkaHealthCheck } from '@leadscore/kafka';
import { type HealthCheck, type JsonLogger } from '@leadscore/observability';
import { createPgPool, createRedis, postgresHealthCheck, redisHealthCheck } from '@leadscore/persistence';

/** The app's connections to Kafka, Postgres and Redis: opened before Nest starts, closed by its shutdown. */
export class IngestConnections implements OnApplicationShutdown {
  private readonly kafkaHealth: KafkaHealthCheck;

  constructor(
    readonly kafka: KafkaClient,
    readonly pool: Pool,
    readonly redis: Redis,
  ) {
    this.kafkaHealth = new KafkaHealthCheck(kafka);
  }

  static open(config: LeadscoreConfig, logger: JsonLogger): IngestConnections {
    const kafka = createKafkaClient({ brokers: config.kafkaBrokers, clientId: 'leadscore-ingest', logger });
    const redis = createRedis(config.redisUrl);
    // ioredis reconnects by itself; without a listener it would print every failed attempt.
    redis.on('error', (error: Error) => logger.child('redis').debug('redis connection error', { error: error.message }));
    return new IngestConnections(kafka, createPgPool(config.databaseUrl, 4), redis);
  }

  /** Ready = Kafka, Postgres and Redis answer (`/health/ready` names the one that does not). */
  healthChecks(): HealthCheck[] {
    return [this.kafkaHealth, postgresHealthCheck(this.pool), redisHealthCheck(this.redis)];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await Promise.allSettled([this.kafkaHealth.close(), this.pool.end()]);
  }
}
