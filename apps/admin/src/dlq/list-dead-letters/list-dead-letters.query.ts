import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { DLQ_HEADERS, topicName } from '@leadscore/contracts';
import { pageLimitOrThrow, ValidationFailed } from '@leadscore/http';
import { type DeadLetterRecord, headerText, type KafkaClient, readDeadLetters } from '@leadscore/kafka';
import { KAFKA, PG_POOL } from '../../admin.tokens';
import { withoutErased } from '../erased-letters';
import { kafkaUnavailable } from '../kafka-unavailable';
import { decodeDlqCursor, encodeDlqCursor } from '../dlq-cursor';

/** A dead letter as ops see it: why, where it came from, and its bytes (as text). */
export interface DeadLetterView {
  partition: number;
  offset: string;
  reason: string | null;
  step: string | null;
  sourceTopic: string | null;
  sourcePartition: number | null;
  sourceOffset: string | null;
  deadLetteredAt: string | null;
  key: string | null;
  value: string | null;
}

const DEFAULT_LIMIT = 100;

/** `GET /v1/dlq?cursor=&limit=`: the namespace's `lead-events-dlq`, oldest first per partition. */
@Injectable()
export class ListDeadLettersQuery {
  constructor(
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async execute(query: { cursor?: string; limit?: string }): Promise<{ items: DeadLetterView[]; nextCursor: string | null }> {
    const limit = pageLimitOrThrow(query.limit, DEFAULT_LIMIT);
    const from = query.cursor ? decodeDlqCursor(query.cursor) : {};
    if (from === null) throw new ValidationFailed([{ path: 'cursor', message: 'cursor must be a nextCursor from an earlier page' }]);
    const page = await readDeadLetters(this.kafka, topicName(this.config.namespace, 'leadEventsDlq'), from, limit).catch(kafkaUnavailable);
    return { items: (await withoutErased(this.pool, page.letters)).map(toView), nextCursor: page.next === null ? null : encodeDlqCursor(page.next) };
  }
}

export function toView(letter: DeadLetterRecord): DeadLetterView {
  const partition = headerText(letter.headers, DLQ_HEADERS.partition);
  return {
    partition: letter.partition,
    offset: letter.offset,
    reason: headerText(letter.headers, DLQ_HEADERS.reason),
    step: headerText(letter.headers, DLQ_HEADERS.step),
    sourceTopic: headerText(letter.headers, DLQ_HEADERS.topic),
    sourcePartition: partition === null ? null : Number(partition),
    sourceOffset: headerText(letter.headers, DLQ_HEADERS.offset),
    deadLetteredAt: headerText(letter.headers, DLQ_HEADERS.at),
    key: letter.key?.toString('utf8') ?? null,
    value: letter.value?.toString('utf8') ?? null,
  };
}
