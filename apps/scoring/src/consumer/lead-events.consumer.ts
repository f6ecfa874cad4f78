import { type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage } from 'kafkajs';
import { type Pool } from 'pg';
import { groupId, requestIdOf, topicName, type LeadEventMessage, type LeadScoreChangedMessage } from '@leadscore/contracts';
import { deadLetterOf, followAssignments, publishDeadLetters, type DeadLetter, type PartitionProgress, type ReliableProducer } from '@leadscore/kafka';
import { type ContextLogger } from '@leadscore/observability';
import { databaseRefusal, isolateRefused, type NewEvent } from '@leadscore/persistence';
import { parseMessage } from '../pipeline/parse-message.step';
import { pgScoringStore } from '../pipeline/pg-scoring-store';
import { scoreBatch, type BatchOutcome } from '../pipeline/score-batch';
import { type ActiveRuleSet } from '../rules/active-rule-set';
import { type ScoringMetrics } from '../scoring.metrics';

export interface LeadEventsConsumerDeps {
  kafka: Kafka;
  producer: ReliableProducer;
  pool: Pool;
  rules: ActiveRuleSet;
  namespace: string;
  metrics: ScoringMetrics;
  log: ContextLogger;
  /** Told of every fetched batch and commit: a partition that stops moving shows in /health/ready. */
  progress: PartitionProgress;
}

interface ParsedMessage {
  message: KafkaMessage;
  event: NewEvent;
}

/** Consumes `lead-events` in batches; offsets are committed only after a batch is stored and scored. */
export class LeadEventsConsumer {
  private consumer: Consumer | null = null;
  private readonly topic: string;

  constructor(private readonly deps: LeadEventsConsumerDeps) {
    this.topic = topicName(deps.namespace, 'leadEvents');
  }

  async start(): Promise<void> {
    this.consumer = this.deps.kafka.consumer({
      groupId: groupId(this.deps.namespace, 'leadscore-scoring'),
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
      maxWaitTimeInMs: 100,
      sessionTimeout: 10000,
      rebalanceTimeout: 20000,
      heartbeatInterval: 3000,
    });
    followAssignments(this.consumer, this.deps.progress);
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.deps.metrics.groupJoins.inc());
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
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
   * Parse (unparseable → DLQ), then store and score; when PostgreSQL refuses the batch for its data
   * (SQLSTATE 22/23/54), `isolateRefused` splits it until each refused message stands alone: those go
   * to the DLQ with the database's error, the others are stored once, and the partition goes on. A
   * transient error throws, and kafkajs retries the batch (already stored halves dedupe by eventId).
   */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    this.deps.progress.fetched(batch.topic, batch.partition);
    const started = process.hrtime.bigint();
    const parsed: ParsedMessage[] = [];
    const unparseable: DeadLetter[] = [];
    const now = new Date();
    for (const message of batch.messages) {
      const result = parseMessage(message.value, now);
      if (result.kind === 'ok') parsed.push({ message, event: result.event });
      else unparseable.push(deadLetterOf(batch, message, result.reason, 'parse-message'));
    }
    await this.deadLetterAll(payload, unparseable, 'parse-message');
    const scoring = {
      store: pgScoringStore(this.deps.pool),
      ruleSet: () => this.deps.rules.current(),
      publish: (changes: LeadScoreChangedMessage[]) => this.publish(changes),
      forward: (messages: LeadEventMessage[]) => this.forward(messages),
    };
    const isolated = await isolateRefused({
      items: parsed,
      process: (items) => scoreBatch(scoring, items.map((item) => item.event)),
      refusal: databaseRefusal,
    });
    const refused = isolated.refused.map(({ item, reason }) => deadLetterOf(batch, item.message, reason, 'store-events'));
    await this.deadLetterAll(payload, refused, 'store-events');
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }] });
    this.deps.progress.committed(batch.topic, batch.partition, Number(batch.offsetLag()));
    await payload.heartbeat();
    this.record(batch.messages.length, sumOutcomes(isolated.results), unparseable.length + refused.length, started);
    this.deps.metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
  }

  private async deadLetterAll(payload: EachBatchPayload, letters: DeadLetter[], step: string): Promise<void> {
    if (letters.length === 0) return;
    await publishDeadLetters(this.deps.producer, topicName(this.deps.namespace, 'leadEventsDlq'), letters, new Date());
    this.deps.metrics.deadLettered.inc({ step }, letters.length);
    const requestIds = [...new Set(letters.map((letter) => requestIdOf(letter.headers)).filter((id) => id !== undefined))];
    this.deps.log.warn('dead-lettered messages', { count: letters.length, step, partition: payload.batch.partition, reason: letters[0].reason, requestIds });
  }

  private async publish(changes: LeadScoreChangedMessage[]): Promise<void> {
    await this.deps.producer.send(
      topicName(this.deps.namespace, 'leadScores'),
      changes.map((change) => ({ key: change.leadId, value: JSON.stringify(change) })),
    );
  }

  /** Identity markers and merged copies, keyed by the lead they go to (its partition, its order). */
  private async forward(messages: LeadEventMessage[]): Promise<void> {
    await this.deps.producer.send(this.topic, messages.map((message) => ({ key: message.leadId, value: JSON.stringify(message) })));
  }

  private record(size: number, outcome: BatchOutcome, dead: number, started: bigint): void {
    const { metrics } = this.deps;
    metrics.batchSize.observe(size);
    metrics.batchDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    metrics.events.inc({ outcome: 'stored' }, outcome.stored);
    metrics.events.inc({ outcome: 'duplicate' }, outcome.duplicates);
    metrics.events.inc({ outcome: 'dead_lettered' }, dead);
    metrics.scoreChanges.inc(outcome.changes);
    metrics.identityMessages.inc(outcome.forwarded);
  }
}

function sumOutcomes(outcomes: BatchOutcome[]): BatchOutcome {
  const total: BatchOutcome = { stored: 0, duplicates: 0, changes: 0, forwarded: 0 };
  for (const outcome of outcomes) {
    total.stored += outcome.stored;
    total.duplicates += outcome.duplicates;
    total.changes += outcome.changes;
    total.forwarded += outcome.forwarded;
  }
  return total;
}
