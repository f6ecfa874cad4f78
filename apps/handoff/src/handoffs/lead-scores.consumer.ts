import { type Consumer, type EachBatchPayload, type Kafka } from 'kafkajs';
import { groupId, topicName, type LeadScoreChangedMessage } from '@leadscore/contracts';
import { publishDeadLetters, type DeadLetter, type ReliableProducer } from '@leadscore/kafka';
import { type ContextLogger } from '@leadscore/observability';
import { type HandoffMetrics } from '../handoff.metrics';
import { createHandoffs, type CreateHandoffsDeps, type Promotion } from './create-handoffs';

export interface LeadScoresConsumerDeps {
  kafka: Kafka;
  producer: ReliableProducer;
  /** How handoffs are made and published (shared with the parked-promotions loop). */
  handoffs: CreateHandoffsDeps;
  namespace: string;
  metrics: HandoffMetrics;
  log: ContextLogger;
  /** Called after a batch created handoffs, so delivery starts at once. */
  onCreated: () => void;
}

/** Consumes `lead-scores` in batches; offsets are committed only after the batch's handoffs are stored. */
export class LeadScoresConsumer {
  private consumer: Consumer | null = null;

  constructor(private readonly deps: LeadScoresConsumerDeps) {}

  async start(): Promise<void> {
    this.consumer = this.deps.kafka.consumer({
      groupId: groupId(this.deps.namespace, 'leadscore-handoff'),
      maxWaitTimeInMs: 100,
      sessionTimeout: 10000,
      rebalanceTimeout: 20000,
      heartbeatInterval: 3000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicName(this.deps.namespace, 'leadScores'), fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    const promotions: Promotion[] = [];
    const deadLetters: DeadLetter[] = [];
    for (const message of batch.messages) {
      const change = parseChange(message.value);
      if (change === null) {
        deadLetters.push({
          key: message.key, value: message.value, headers: message.headers, reason: 'not a LeadScoreChangedMessage', step: 'parse-score-change',
          sourceTopic: batch.topic, partition: batch.partition, offset: message.offset,
        });
      } else if (change.promotion === 'mql' || change.promotion === 'sql') promotions.push(change as Promotion);
    }
    if (deadLetters.length > 0) {
      await publishDeadLetters(this.deps.producer, topicName(this.deps.namespace, 'leadEventsDlq'), deadLetters, new Date());
      this.deps.log.warn('dead-lettered lead-scores messages', { count: deadLetters.length, partition: batch.partition });
    }
    const created = await createHandoffs(
      {
        ...this.deps.handoffs,
        onParked: (count) => {
          this.deps.metrics.parkedPromotions.inc({ outcome: 'parked' }, count);
          this.deps.log.info('promotions parked until their cause event commits', { count, partition: batch.partition });
        },
      },
      promotions,
    );
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }] });
    await payload.heartbeat();
    for (const handoff of created) this.deps.metrics.handoffs.inc({ promotion: handoff.promotion, assigned: String(handoff.assignedTo !== null) });
    this.deps.metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
    if (created.length > 0) this.deps.onCreated();
  }

}

function parseChange(value: Buffer | null): LeadScoreChangedMessage | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value.toString('utf8')) as LeadScoreChangedMessage;
    const valid = typeof parsed?.leadId === 'string' && typeof parsed.causeEventId === 'string' && typeof parsed.score === 'number'
      && (parsed.promotion === null || parsed.promotion === 'mql' || parsed.promotion === 'sql');
    return valid ? parsed : null;
  } catch {
    return null;
  }
}
