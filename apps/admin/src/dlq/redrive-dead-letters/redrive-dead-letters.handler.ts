import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type Pool } from 'pg';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { DLQ_HEADERS, topicName } from '@leadscore/contracts';
import { ValidationFailed } from '@leadscore/http';
import { type DeadLetterRecord, type KafkaClient, readDeadLetters, ReliableProducer } from '@leadscore/kafka';
import { KAFKA, PG_POOL } from '../../admin.tokens';
import { OpsAuditTrail } from '../../audit/ops-audit.trail';
import { type OpsActor } from '../../auth/ops-actor';
import { withoutErased } from '../erased-letters';
import { kafkaUnavailable } from '../kafka-unavailable';
import { redriveTopic } from './redrive-topic';

const MAX_REDRIVE = 10_000;
const DLQ_HEADER_NAMES = new Set<string>(Object.values(DLQ_HEADERS));

/**
 * `POST /v1/dlq/redrive` `{"items": [{"partition": 0, "offset": "12"}]}` or `{"all": true}`: the
 * dead letters' original key and bytes go back to the topic they came from (`lead-events` for the
 * scoring worker's, `lead-scores` for the handoff worker's: see redriveTopic), after a fix. A
 * letter redriven twice is harmless: the worker dedupes by leadId and eventId, and one it still cannot parse
 * comes back to the DLQ.
 */
@Injectable()
export class RedriveDeadLettersHandler implements OnApplicationShutdown {
  private readonly producer: ReliableProducer;
  private connected: Promise<void> | null = null;

  constructor(
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly audit: OpsAuditTrail,
  ) {
    this.producer = new ReliableProducer(this.kafka);
  }

  /** The sends happen inside the audited transaction: a failed send rolls its entry back (ops-audit.trail.ts). */
  async execute(actor: OpsActor, body: unknown): Promise<{ redriven: number }> {
    const wanted = parseSelection(body);
    const page = await readDeadLetters(this.kafka, topicName(this.config.namespace, 'leadEventsDlq'), {}, MAX_REDRIVE).catch(kafkaUnavailable);
    // An erased lead's letters never go back: a redrive would bring the lead back.
    const kept = await withoutErased(this.pool, page.letters);
    const letters = wanted === 'all' ? kept : kept.filter((letter) => wanted.has(`${letter.partition}:${letter.offset}`));
    if (letters.length === 0) return { redriven: 0 };
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = null;
      throw error;
    });
    await this.connected.catch(kafkaUnavailable);
    const letterIds = letters.map((letter) => `${letter.partition}:${letter.offset}`);
    return this.audit.change(actor, 'dlq.redriven', async () => {
      await this.send(letters);
      return { result: { redriven: letters.length }, details: { redriven: letters.length, letters: letterIds.slice(0, 1000) } };
    });
  }

  private async send(letters: DeadLetterRecord[]): Promise<void> {
    for (const [topic, group] of byTopic(letters, this.config.namespace)) {
      await this.producer.send(
        topic,
        group.map((letter) => ({
          key: letter.key,
          value: letter.value,
          headers: Object.fromEntries(Object.entries(letter.headers).filter(([name]) => !DLQ_HEADER_NAMES.has(name))),
        })),
      ).catch(kafkaUnavailable);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }
}

function parseSelection(body: unknown): 'all' | Set<string> {
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (record?.all === true) return 'all';
  const items = record?.items;
  if (!Array.isArray(items) || items.length === 0) {
    throw new ValidationFailed([{ path: 'items', message: 'give items: [{"partition": 0, "offset": "12"}, …] (from GET /v1/dlq), or "all": true' }]);
  }
  const wanted = new Set<string>();
  items.forEach((item: unknown, index) => {
    const { partition, offset } = (typeof item === 'object' && item !== null ? item : {}) as { partition?: unknown; offset?: unknown };
    if (!Number.isInteger(partition) || (partition as number) < 0) throw new ValidationFailed([{ path: `items.${index}.partition`, message: 'partition must be an integer ≥ 0' }]);
    if (typeof offset !== 'string' || !/^\d{1,19}$/.test(offset)) throw new ValidationFailed([{ path: `items.${index}.offset`, message: 'offset must be a string of digits, as GET /v1/dlq lists it' }]);
    wanted.add(`${partition as number}:${offset}`);
  });
  return wanted;
}

function byTopic(letters: DeadLetterRecord[], namespace: string): Map<string, DeadLetterRecord[]> {
  const groups = new Map<string, DeadLetterRecord[]>();
  for (const letter of letters) {
    const topic = redriveTopic(letter.headers, namespace);
    groups.set(topic, [...(groups.get(topic) ?? []), letter]);
  }
  return groups;
}
