import { type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage } from 'kafkajs';
import { groupId, parseLeadScoreChangedValue, topicName } from '@leadscore/contracts';
import { deadLetterOf, followAssignments, publishDeadLetters, type DeadLetter, type PartitionProgress, type ReliableProducer } from '@leadscore/kafka';
import { type ContextLogger } from '@leadscore/observability';
import { databaseRefusal, isolateRefused } from '@leadscore/persistence';
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
  /** Told of every fetched batch and commit: a partition that stops moving shows in /health/ready. */
  progress: PartitionProgress;
}

interface PromotionMessage {
  message: KafkaMessage;
  promotion: Promotion;
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
    followAssignments(this.consumer, this.deps.progress);
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

  /**
   * Parse (unparseable → DLQ), then create the promotions' handoffs; when PostgreSQL refuses them
   * for their data, `isolateRefused` splits the batch until each refused promotion stands alone: it
   * is dead-lettered with the database's error, the others are stored once (unique per promotion),
   * and the partition goes on. Dead letters name `lead-scores` as their source topic, so the ops
   * API's redrive sends them back there. A transient error throws and kafkajs retries the batch.
   */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    this.deps.progress.fetched(batch.topic, batch.partition);
    const promotions: PromotionMessage[] = [];
    const unparseable: DeadLetter[] = [];
    for (const message of batch.messages) {
      const parsed = parseLeadScoreChangedValue(message.value);
      if (!parsed.ok) unparseable.push(deadLetterOf(batch, message, parsed.reason, 'parse-score-change'));
      else if (parsed.message.promotion === 'mql' || parsed.message.promotion === 'sql') promotions.push({ message, promotion: parsed.message as Promotion });
    }
    await this.deadLetterAll(payload, unparseable);
    const handoffDeps: CreateHandoffsDeps = {
      ...this.deps.handoffs,
      onParked: (count) => {
        this.deps.metrics.parkedPromotions.inc({ outcome: 'parked' }, count);
        this.deps.log.info('promotions parked until their cause event commits', { count, partition: batch.partition });
      },
    };
    const isolated = await isolateRefused({
      items: promotions,
      process: (items) => createHandoffs(handoffDeps, items.map((item) => item.promotion)),
      refusal: databaseRefusal,
    });
    await this.deadLetterAll(payload, isolated.refused.map(({ item, reason }) => deadLetterOf(batch, item.message, reason, 'create-handoffs')));
    const created = isolated.results.flat();
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }] });
    this.deps.progress.committed(batch.topic, batch.partition, Number(batch.offsetLag()));
    await payload.heartbeat();
    for (const handoff of created) this.deps.metrics.handoffs.inc({ promotion: handoff.promotion, assigned: String(handoff.assignedTo !== null) });
    this.deps.metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
    if (created.length > 0) this.deps.onCreated();
  }

  private async deadLetterAll(payload: EachBatchPayload, letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await publishDeadLetters(this.deps.producer, topicName(this.deps.namespace, 'leadEventsDlq'), letters, new Date());
    for (const letter of letters) this.deps.metrics.deadLettered.inc({ step: letter.step });
    this.deps.log.warn('dead-lettered lead-scores messages', { count: letters.length, step: letters[0].step, partition: payload.batch.partition, reason: letters[0].reason });
  }
}
