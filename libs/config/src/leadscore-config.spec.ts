import { ConfigError } from './config-error';
import { loadConfig, requireAdminToken } from './leadscore-config';

describe('loadConfig', () => {
  it('gives local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(config.kafkaPartitions).toBe(6);
    expect(config.ingestPort).toBe(3000);
    expect(config.adminPort).toBe(3001);
    expect(config.webhookAllowPrivate).toBe(false);
    expect([config.ingestRatePerSecond, config.ingestRateBurst]).toEqual([200, 400]);
    expect(config.adminToken).toBeNull();
    expect(config.consumerStallAfterMs).toBe(60_000);
    expect(config.ingestPublicUrl).toBeNull();
    expect(config.ingestQueueBudgetBytes).toBe(64 * 1024 * 1024);
    expect([config.ingestAddressRatePerSecond, config.ingestAddressRateBurst]).toEqual([200, 1000]);
    expect(config.ingestTrustedProxies).toEqual([]);
    expect(config.kafkaRetentionMs).toBe(7 * 86_400_000);
    expect(config.inactivity).toEqual({ afterMs: 14 * 86_400_000, everyMs: 3_600_000 });
  });

  it('reads the inactivity scheduler settings as durations', () => {
    expect(loadConfig({ INACTIVITY_AFTER: '30d', INACTIVITY_SCAN_EVERY: '1s' }).inactivity).toEqual({ afterMs: 30 * 86_400_000, everyMs: 1000 });
  });

  it('reads how often the admin refreshes the stored win probabilities, a minute unless set', () => {
    expect(loadConfig({}).winProbabilityRefreshEveryMs).toBe(60_000);
    expect(loadConfig({ WIN_PROBABILITY_REFRESH_EVERY: '5s' }).winProbabilityRefreshEveryMs).toBe(5000);
  });

  it('reads how many lead states a scoring worker keeps in memory, 20,000 unless set; 0 keeps none', () => {
    expect(loadConfig({}).leadStateCacheSize).toBe(20_000);
    expect(loadConfig({ LEAD_STATE_CACHE_SIZE: '0' }).leadStateCacheSize).toBe(0);
  });

  it('says the bounds of a duration in the units they were set in', () => {
    expect(() => loadConfig({ INACTIVITY_SCAN_EVERY: '500ms' })).toThrow('INACTIVITY_SCAN_EVERY must be a duration such as 7d or 12h, from 1s to 1d, got "500ms"');
  });

  it('reads KAFKA_RETENTION as a duration', () => {
    expect(loadConfig({ KAFKA_RETENTION: '36h' }).kafkaRetentionMs).toBe(36 * 3_600_000);
    expect(loadConfig({ KAFKA_RETENTION: '30d' }).kafkaRetentionMs).toBe(30 * 86_400_000);
  });

  it('reads CONSUMER_STALL_AFTER_MS in milliseconds, so a test can use 3 s', () => {
    expect(loadConfig({ CONSUMER_STALL_AFTER_MS: '3000' }).consumerStallAfterMs).toBe(3000);
  });

  it('keeps INGEST_PUBLIC_URL as origin and path, without a trailing slash', () => {
    expect(loadConfig({ INGEST_PUBLIC_URL: 'https://Ingest.Example.com/' }).ingestPublicUrl).toBe('https://ingest.example.com');
    expect(loadConfig({ INGEST_PUBLIC_URL: 'https://www.example.com/leadscore/' }).ingestPublicUrl).toBe('https://www.example.com/leadscore');
  });

  it('reads the trusted proxies as addresses and CIDR ranges', () => {
    expect(loadConfig({ INGEST_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8' }).ingestTrustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
  });

  it.each([
    ['KAFKA_PARTITIONS', 'zero'],
    ['KAFKA_PARTITIONS', '0'],
    ['INGEST_PORT', '70000'],
    ['DATABASE_URL', 'mysql://x/y'],
    ['REDIS_URL', 'not a url'],
    ['WEBHOOK_ALLOW_PRIVATE', 'yes please'],
    ['KAFKA_BROKERS', 'no-port'],
    ['ADMIN_TOKEN', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['INGEST_PUBLIC_URL', 'ftp://ingest.example.com'],
    ['INGEST_PUBLIC_URL', 'https://ingest.example.com/?x=1'],
    ['INGEST_RATE_PER_SECOND', '0'],
    ['CONSUMER_STALL_AFTER_MS', '10'],
    ['KAFKA_RETENTION', '7'],
    ['KAFKA_RETENTION', '30m'],
    ['KAFKA_RETENTION', '400d'],
    ['INGEST_QUEUE_BUDGET_BYTES', '1000'],
    ['INGEST_ADDRESS_RATE_BURST', '0'],
    ['INGEST_TRUSTED_PROXIES', 'proxy.internal'],
    ['INACTIVITY_AFTER', '14'],
    ['INACTIVITY_AFTER', '0d'],
    ['INACTIVITY_SCAN_EVERY', '2d'],
    ['WIN_PROBABILITY_REFRESH_EVERY', '500ms'],
    ['LEAD_STATE_CACHE_SIZE', '-1'],
  ])('refuses %s=%s with an error naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('splits comma-separated lists and trims them', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'a:1, b:2', INGEST_WRITE_KEYS: 'k1,,k2 ' });
    expect(config.kafkaBrokers).toEqual(['a:1', 'b:2']);
    expect(config.ingestWriteKeys).toEqual(['k1', 'k2']);
  });

  it('requires an admin token for the ops API', () => {
    expect(() => requireAdminToken(loadConfig({}))).toThrow('ADMIN_TOKEN');
    expect(requireAdminToken(loadConfig({ ADMIN_TOKEN: 'a-long-enough-token' }))).toBe('a-long-enough-token');
  });
});
