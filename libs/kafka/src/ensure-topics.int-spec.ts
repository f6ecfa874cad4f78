import { ConfigResourceTypes } from 'kafkajs';
import { TOPICS, topicName, type TopicKey } from '@leadscore/contracts';
import { JsonLogger } from '@leadscore/observability';
import { uniqueNamespace } from '@test/support/namespace';
import { testEnv } from '@test/setup/test-env';
import { ensureLeadscoreTopics, ensureTopics } from './ensure-topics';
import { createKafkaClient, type KafkaClient, kafkajsOf } from './kafka-client';

jest.setTimeout(60_000);

const DAY_MS = 86_400_000;

describe('topic retention (KAFKA_RETENTION) against real Kafka', () => {
  const namespace = uniqueNamespace('retention');
  const lines: string[] = [];
  const logger = new JsonLogger('it', 'warn', (line) => lines.push(line));
  let kafka: KafkaClient;
  const topics = (Object.keys(TOPICS) as TopicKey[]).map((key) => topicName(namespace, key));

  beforeAll(() => {
    kafka = createKafkaClient({ brokers: testEnv().kafkaBrokers.split(','), clientId: 'retention-it', logger: new JsonLogger('it', 'error', () => undefined) });
  });

  afterAll(async () => {
    const admin = kafkajsOf(kafka).admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  });

  async function retentionOf(names: string[]): Promise<Record<string, string | undefined>> {
    const admin = kafkajsOf(kafka).admin();
    await admin.connect();
    try {
      const described = await admin.describeConfigs({ includeSynonyms: false, resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })) });
      return Object.fromEntries(described.resources.map((r) => [r.resourceName, r.configEntries.find((e) => e.configName === 'retention.ms')?.configValue]));
    } finally {
      await admin.disconnect();
    }
  }

  it('creates every topic with the configured retention', async () => {
    await ensureLeadscoreTopics(kafka, { namespace, kafkaPartitions: 1, kafkaRetentionMs: 3 * DAY_MS }, logger);
    expect(Object.values(await retentionOf(topics))).toEqual(topics.map(() => String(3 * DAY_MS)));
    expect(lines).toEqual([]);
  });

  it('alters, at the next start-up, a topic whose retention differs, and warns naming it', async () => {
    const [first] = topics;
    await ensureTopics(kafka, [first], 1, { retentionMs: 1 * DAY_MS });
    await ensureLeadscoreTopics(kafka, { namespace, kafkaPartitions: 1, kafkaRetentionMs: 3 * DAY_MS }, logger);
    expect(await retentionOf(topics)).toEqual(Object.fromEntries(topics.map((topic) => [topic, String(3 * DAY_MS)])));
    expect(lines.join('\n')).toContain(first);
    expect(lines).toHaveLength(1);
  });
});
