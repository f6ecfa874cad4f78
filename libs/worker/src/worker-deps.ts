import { type Pool } from 'pg';
import type Redis from 'ioredis';
import { type LeadscoreConfig } from '@leadscore/config';
import { type KafkaClient } from '@leadscore/kafka';
import { type JsonLogger, type Metrics } from '@leadscore/observability';

/** What a worker app's module is built from: made once in main.ts (runWorker), replaced by the tests' own. */
export interface WorkerDeps {
  config: LeadscoreConfig;
  logger: JsonLogger;
  metrics: Metrics;
  kafka: KafkaClient;
  pool: Pool;
  redis: Redis;
}
