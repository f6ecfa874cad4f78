import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the integration tier's Kafka, PostgreSQL and Redis answer (set by global-setup.ts). */
export interface TestEnv {
  kafkaBrokers: string;
  databaseUrl: string;
  redisUrl: string;
}

export const TEST_ENV_FILE = join(__dirname, '..', '..', '.cache', 'test-env.json');

/**
 * The servers of this test run: from process.env (set by the global setup before the test files
 * load), else from the file it wrote, for a test file run outside that process.
 */
export function testEnv(): TestEnv {
  const { KAFKA_BROKERS, DATABASE_URL, REDIS_URL } = process.env;
  if (KAFKA_BROKERS && DATABASE_URL && REDIS_URL) {
    return { kafkaBrokers: KAFKA_BROKERS, databaseUrl: DATABASE_URL, redisUrl: REDIS_URL };
  }
  if (!existsSync(TEST_ENV_FILE)) {
    throw new Error(`no test servers: run the integration tests through jest (global setup writes ${TEST_ENV_FILE})`);
  }
  return JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as TestEnv;
}
