// Integration tier set-up: real Kafka, PostgreSQL and Redis for every *.int-spec.ts and
// *.e2e-spec.ts. With a Docker engine, throwaway containers (testcontainers); without one, the
// loopback services of scripts/services.sh, which stay up between runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  GenericContainer,
  RandomPortGenerator,
  type StartedTestContainer,
  Wait,
  getContainerRuntimeClient,
} from 'testcontainers';
import { TEST_ENV_FILE, type TestEnv } from './test-env';

const ROOT = join(__dirname, '..', '..');
const RUNTIME_PROBE_TIMEOUT_MS = 5_000;

// jest runs globalSetup and globalTeardown in the same process: the containers pass through here.
const registry = globalThis as typeof globalThis & { leadscoreTestContainers?: StartedTestContainer[] };

export function takeStartedContainers(): StartedTestContainer[] {
  const containers = registry.leadscoreTestContainers ?? [];
  registry.leadscoreTestContainers = undefined;
  return containers;
}

export default async function globalSetup(): Promise<void> {
  const dockerHost = await findDockerHost();
  const env = dockerHost === undefined ? startLoopbackServices() : await startContainers(dockerHost);
  process.env.KAFKA_BROKERS = env.kafkaBrokers;
  process.env.DATABASE_URL = env.databaseUrl;
  process.env.REDIS_URL = env.redisUrl;
  mkdirSync(dirname(TEST_ENV_FILE), { recursive: true });
  writeFileSync(TEST_ENV_FILE, `${JSON.stringify(env, null, 2)}\n`);
}

/** The host that publishes container ports, or undefined when no Docker engine answers. */
async function findDockerHost(): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, RUNTIME_PROBE_TIMEOUT_MS, undefined);
  });
  try {
    const client = await Promise.race([getContainerRuntimeClient(), timeout]);
    return client?.info.containerRuntime.host;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function startLoopbackServices(): TestEnv {
  console.log('\nglobal-setup: no Docker engine answers; using scripts/services.sh (loopback services)');
  const result = spawnSync('bash', ['scripts/services.sh', 'start'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new Error(`scripts/services.sh start failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
  return {
    kafkaBrokers: `127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`,
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/leadscore_test',
    redisUrl: 'redis://127.0.0.1:6379',
  };
}

async function startContainers(host: string): Promise<TestEnv> {
  console.log('\nglobal-setup: Docker answers; starting Kafka, PostgreSQL and Redis containers');
  // A container that started while another failed is removed by testcontainers' reaper (Ryuk).
  const [kafka, postgres, redis] = await Promise.all([startKafka(host), startPostgres(), startRedis()]);
  registry.leadscoreTestContainers = [kafka.container, postgres, redis];
  return {
    kafkaBrokers: `${host}:${kafka.port}`,
    databaseUrl: `postgres://postgres@${host}:${postgres.getMappedPort(5432)}/leadscore_test`,
    redisUrl: `redis://${host}:${redis.getMappedPort(6379)}`,
  };
}

// Same broker settings as scripts/services.sh and docker/docker-compose.yml: keep them in step.
async function startKafka(host: string): Promise<{ container: StartedTestContainer; port: number }> {
  // Kafka hands clients the address to come back to, so the host port is fixed before start.
  const port = await new RandomPortGenerator().generatePort();
  const container = await new GenericContainer('apache/kafka:3.9.2')
    .withExposedPorts({ container: 9092, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      // PLAINTEXT for the tests on the host; BROKER for the broker's own calls inside the container.
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,BROKER://:9094,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${port},BROKER://localhost:9094`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_MIN_INSYNC_REPLICAS: '1',
      KAFKA_DEFAULT_REPLICATION_FACTOR: '1',
      KAFKA_NUM_PARTITIONS: '6',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_HEAP_OPTS: '-Xms256m -Xmx512m',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return { container, port };
}

function startPostgres(): Promise<StartedTestContainer> {
  return new GenericContainer('postgres:15')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'leadscore_test' })
    .withExposedPorts(5432)
    // The image starts the server twice: once to initialise the database, then for real.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
}

function startRedis(): Promise<StartedTestContainer> {
  return new GenericContainer('redis:7')
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
    .start();
}
