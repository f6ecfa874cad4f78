import { type Consumer, type EachBatchPayload, type Kafka } from 'kafkajs';
import { type Pool } from 'pg';
import { groupId, topicName, type LeadEventMessage, type LeadScoreChangedMessage } from '@leadscore/contracts';
import { publishDeadLetters, type DeadLetter, type ReliableProducer } from '@leadscore/kafka';
import { type ContextLogger } from '@leadscore/observability';
import { type NewEvent } from '@leadscore/persistence';
import { parseMessage } from '../pipeline/parse-message.step';
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

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    const started = process.hrtime.bigint();
    const events: NewEvent[] = [];
    const deadLetters: DeadLetter[] = [];
    const now = new Date();
    for (const message of batch.messages) {
      const parsed = parseMessage(message.value, now);
      if (parsed.kind === 'ok') events.push(parsed.event);
      else deadLetters.push({
        key: message.key, value: message.value, headers: message.headers, reason: parsed.reason, step: 'parse-message',
        sourceTopic: batch.topic, partition: batch.partition, offset: message.offset,
      });
    }
    if (deadLetters.length > 0) {
      await publishDeadLetters(this.deps.producer, topicName(this.deps.namespace, 'leadEventsDlq'), deadLetters, new Date());
      this.deps.metrics.deadLettered.inc({ step: 'parse-message' }, deadLetters.length);
      this.deps.log.warn('dead-lettered messages', { count: deadLetters.length, partition: batch.partition, reason: deadLetters[0].reason });
    }
    const outcome = await scoreBatch(
      {
        pool: this.deps.pool,
        ruleSet: () => this.deps.rules.current(),
        publish: (changes) => this.publish(changes),
        forward: (messages) => this.forward(messages),
      },
      events,
    );
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }] });
    await payload.heartbeat();
    this.record(batch.messages.length, outcome, deadLetters.length, started);
    this.deps.metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
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
