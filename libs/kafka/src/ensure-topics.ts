import { type Admin, ConfigResourceTypes } from 'kafkajs';
import { TOPICS, type TopicKey, topicName } from '@leadscore/contracts';
import { type JsonLogger } from '@leadscore/observability';
import { type KafkaClient, kafkajsOf } from './kafka-client';

export interface EnsureTopicsOptions {
  /** `retention.ms` every topic must have (KAFKA_RETENTION); left as the broker's when absent. */
  retentionMs?: number;
  /** Told when an existing topic's retention differed and was altered. */
  onRetentionAltered?: (topic: string, from: string | null, to: string) => void;
}

/**
 * Creates the topics that do not exist yet (idempotent; safe when several apps start at once),
 * with `retention.ms` set; an existing topic whose retention differs is altered to it, so
 * KAFKA_RETENTION is the one truth of how long Kafka keeps copies (docs/privacy.md).
 */
export async function ensureTopics(client: KafkaClient, topics: string[], partitions: number, options: EnsureTopicsOptions = {}): Promise<void> {
  const admin = kafkajsOf(client).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    const retention = options.retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(options.retentionMs) }];
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, configEntries: retention })),
      }).catch((error: unknown) => {
        // Another app may have created them between listTopics and createTopics.
        if (!(error instanceof Error && /already exists/i.test(error.message))) throw error;
      });
    }
    if (options.retentionMs !== undefined) await alignRetention(admin, topics, String(options.retentionMs), options.onRetentionAltered);
  } finally {
    await admin.disconnect();
  }
}

async function alignRetention(admin: Admin, topics: string[], wanted: string, told?: EnsureTopicsOptions['onRetentionAltered']): Promise<void> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
  });
  for (const resource of described.resources) {
    const current = resource.configEntries.find((entry) => entry.configName === 'retention.ms')?.configValue ?? null;
    if (current === wanted) continue;
    // Only retention.ms is ours: our topics carry no other topic-level setting for AlterConfigs to reset.
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: resource.resourceName, configEntries: [{ name: 'retention.ms', value: wanted }] }] });
    told?.(resource.resourceName, current, wanted);
  }
}

/** What the apps' start-up passes: the namespace's topics, partitions and KAFKA_RETENTION. */
export interface TopicSettings {
  namespace: string;
  kafkaPartitions: number;
  kafkaRetentionMs: number;
}

/** Every Leadscore topic of the namespace, created or aligned (a changed retention is logged as a warning). */
export async function ensureLeadscoreTopics(client: KafkaClient, settings: TopicSettings, logger: JsonLogger): Promise<void> {
  const topics = (Object.keys(TOPICS) as TopicKey[]).map((key) => topicName(settings.namespace, key));
  const log = logger.child('topics');
  await ensureTopics(client, topics, settings.kafkaPartitions, {
    retentionMs: settings.kafkaRetentionMs,
    onRetentionAltered: (topic, from, to) => log.warn('topic retention differed from KAFKA_RETENTION: altered', { topic, fromMs: from, toMs: to }),
  });
}
