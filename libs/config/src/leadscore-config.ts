import { ConfigError } from './config-error';
import { type Env, parseDurationMs, readBool, readDurationList, readDurationMs, readInt, readList, readPort, readString, readUrl } from './env-readers';

/** The whole configuration, validated once at start-up. Every app reads the part it needs. */
export interface LeadscoreConfig {
  kafkaBrokers: string[];
  kafkaPartitions: number;
  /** `retention.ms` of every topic (KAFKA_RETENTION): Kafka is a buffer, the event store the record. */
  kafkaRetentionMs: number;
  /** Prefix for topics, consumer groups and Redis keys; empty in production, set by tests to isolate runs. */
  namespace: string;
  databaseUrl: string;
  redisUrl: string;
  ingestPort: number;
  adminPort: number;
  scoringHttpPort: number;
  handoffHttpPort: number;
  /** Delays between webhook attempts after the first (which is immediate). */
  webhookRetryScheduleMs: number[];
  adminToken: string | null;
  ingestWriteKeys: string[];
  /** Per-source token bucket of ingest: requests refilled per second, and the bucket's size. */
  ingestRatePerSecond: number;
  ingestRateBurst: number;
  /** Per-client-address token bucket of ingest, checked before authentication (in process). */
  ingestAddressRatePerSecond: number;
  ingestAddressRateBurst: number;
  /**
   * Proxies (addresses or CIDR ranges) whose X-Forwarded-For ingest believes; empty: the socket's
   * address is the client's, and the header is ignored (anyone can write it).
   */
  ingestTrustedProxies: string[];
  /** Bytes of events ingest may hold waiting for Kafka; past it, 503 at once (memory stays bounded while Kafka is down). */
  ingestQueueBudgetBytes: number;
  webhookAllowPrivate: boolean;
  /** A consumer partition with messages waiting and no commit for this long is stalled (metric, 503 on /health/ready). */
  consumerStallAfterMs: number;
  /**
   * The URL browsers reach ingest at (`https://ingest.example.com`, behind a proxy maybe with a
   * path): what the Segment settings answer points analytics.js to. Null: derived per request
   * from Host and X-Forwarded-Host/-Proto.
   */
  ingestPublicUrl: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** The handoff worker's inactivity scheduler. */
  inactivity: InactivitySettings;
  /** How often the admin leading the refresh recomputes the lead list's stored win probabilities (WIN_PROBABILITY_REFRESH_EVERY). */
  winProbabilityRefreshEveryMs: number;
  /** Leads whose states a scoring worker keeps in memory between batches (LEAD_STATE_CACHE_SIZE; 0: none, every batch reads them). */
  leadStateCacheSize: number;
  /** A scoring batch slower than this (fetch to commit) is logged with its phases (SCORING_SLOW_BATCH_MS; 0: none is). */
  scoringSlowBatchMs: number;
  /**
   * The scoring worker's V8 old-space cap in MB (SCORING_HEAP_MB; 0: none). Applied by the launchers
   * (scripts/node-args.sh: start-all.sh, the Docker image, the benches); the worker warns when it runs without it.
   */
  scoringHeapMb: number;
}

export interface InactivitySettings {
  /** A lead whose last activity is older than this gets a daily inactivity_tick (INACTIVITY_AFTER). */
  afterMs: number;
  /** How often the leader scans (INACTIVITY_SCAN_EVERY). */
  everyMs: number;
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export function loadConfig(env: Env = process.env): LeadscoreConfig {
  const brokers = readList(env, 'KAFKA_BROKERS', ['127.0.0.1:9092']);
  for (const broker of brokers) {
    if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(broker)) throw new ConfigError('KAFKA_BROKERS', 'host:port[,host:port…]', env.KAFKA_BROKERS);
  }
  const namespace = readString(env, 'LEADSCORE_NAMESPACE', '');
  if (!/^[a-z0-9-]*$/.test(namespace)) throw new ConfigError('LEADSCORE_NAMESPACE', 'lower-case letters, digits and dashes', namespace);
  const logLevel = readString(env, 'LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError('LOG_LEVEL', LOG_LEVELS.join(', '), logLevel);
  const adminToken = env.ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null && adminToken.length < 12) throw new ConfigError('ADMIN_TOKEN', 'at least 12 characters', '(too short)');
  return {
    kafkaBrokers: brokers,
    kafkaPartitions: readInt(env, 'KAFKA_PARTITIONS', 6, { min: 1, max: 1000 }),
    kafkaRetentionMs: readDurationMs(env, 'KAFKA_RETENTION', 7 * 86_400_000, { min: 3_600_000, max: 365 * 86_400_000 }),
    namespace,
    databaseUrl: readUrl(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/leadscore', ['postgres:', 'postgresql:']),
    redisUrl: readUrl(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    ingestPort: readPort(env, 'INGEST_PORT', 3000),
    adminPort: readPort(env, 'ADMIN_PORT', 3001),
    scoringHttpPort: readPort(env, 'SCORING_HTTP_PORT', 3002),
    handoffHttpPort: readPort(env, 'HANDOFF_HTTP_PORT', 3003),
    webhookRetryScheduleMs: readDurationList(env, 'WEBHOOK_RETRY_SCHEDULE', ['5s', '5m', '30m', '2h', '5h', '10h', '14h', '20h', '24h'].map((d) => parseDurationMs(d) as number)),
    adminToken,
    ingestWriteKeys: readList(env, 'INGEST_WRITE_KEYS', []),
    ingestRatePerSecond: readInt(env, 'INGEST_RATE_PER_SECOND', 200, { min: 1, max: 1_000_000 }),
    ingestRateBurst: readInt(env, 'INGEST_RATE_BURST', 400, { min: 1, max: 10_000_000 }),
    ingestAddressRatePerSecond: readInt(env, 'INGEST_ADDRESS_RATE_PER_SECOND', 200, { min: 1, max: 1_000_000 }),
    ingestAddressRateBurst: readInt(env, 'INGEST_ADDRESS_RATE_BURST', 1000, { min: 1, max: 10_000_000 }),
    ingestTrustedProxies: readTrustedProxies(env),
    // At least the largest event (MAX_EVENT_BYTES), so that none is refused for good.
    ingestQueueBudgetBytes: readInt(env, 'INGEST_QUEUE_BUDGET_BYTES', 64 * 1024 * 1024, { min: 1024 * 1024, max: 16 * 1024 * 1024 * 1024 }),
    webhookAllowPrivate: readBool(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    consumerStallAfterMs: readInt(env, 'CONSUMER_STALL_AFTER_MS', 60_000, { min: 1000, max: 86_400_000 }),
    ingestPublicUrl: readPublicUrl(env, 'INGEST_PUBLIC_URL'),
    logLevel: logLevel as LeadscoreConfig['logLevel'],
    inactivity: {
      afterMs: readDurationMs(env, 'INACTIVITY_AFTER', 14 * 86_400_000, { min: 60_000, max: 365 * 86_400_000 }),
      everyMs: readDurationMs(env, 'INACTIVITY_SCAN_EVERY', 3_600_000, { min: 1000, max: 86_400_000 }),
    },
    winProbabilityRefreshEveryMs: readDurationMs(env, 'WIN_PROBABILITY_REFRESH_EVERY', 60_000, { min: 1000, max: 86_400_000 }),
    leadStateCacheSize: readInt(env, 'LEAD_STATE_CACHE_SIZE', 20_000, { min: 0, max: 10_000_000 }),
    scoringSlowBatchMs: readInt(env, 'SCORING_SLOW_BATCH_MS', 1000, { min: 0, max: 3_600_000 }),
    scoringHeapMb: readInt(env, 'SCORING_HEAP_MB', 512, { min: 0, max: 1_048_576 }),
  };
}

/** An optional http(s) URL without query, fragment or credentials, kept without its trailing slash. */
function readPublicUrl(env: Env, name: string): string | null {
  if (!env[name]?.trim()) return null;
  const raw = readUrl(env, name, '', ['http:', 'https:']);
  const url = new URL(raw);
  if (url.search || url.hash || url.username || url.password) throw new ConfigError(name, 'an http(s) URL without query, fragment or credentials', raw);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const PROXY = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:\/\d{1,3})?$/;

function readTrustedProxies(env: Env): string[] {
  const proxies = readList(env, 'INGEST_TRUSTED_PROXIES', []);
  for (const proxy of proxies) {
    if (!PROXY.test(proxy)) throw new ConfigError('INGEST_TRUSTED_PROXIES', 'IP addresses or CIDR ranges, comma-separated', proxy);
  }
  return proxies;
}

/** The admin app cannot run without a token: refuse to start rather than serve an open ops API. */
export function requireAdminToken(config: LeadscoreConfig): string {
  if (config.adminToken === null) throw new ConfigError('ADMIN_TOKEN', 'set (at least 12 characters) for the ops API', undefined);
  return config.adminToken;
}
