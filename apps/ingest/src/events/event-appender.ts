import { Inject, Injectable } from '@nestjs/common';
import { type LeadEventMessage } from '@leadscore/contracts';
import { PayloadTooLarge, Unavailable } from '@leadscore/http';
import { type ContextLogger, JsonLogger } from '@leadscore/observability';
import { IngestMetrics } from '../ingest.metrics';
import { EVENT_LOG } from '../ingest.tokens';
import { type EventLog, MAX_EVENT_BYTES } from './event-log';

export interface AppendRequest {
  messages: LeadEventMessage[];
  sourceKeyId: string;
  /** The error path of the message at `index` (`batch.3`, `body`). */
  pathOf: (index: number) => string;
}

/**
 * The last step of every ingest route (Segment, pixel): refuse what the log could not hold, append,
 * and resolve only once Kafka acknowledged — otherwise `Unavailable` (503), never a success.
 */
@Injectable()
export class EventAppender {
  private readonly logger: ContextLogger;

  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly metrics: IngestMetrics,
    logger: JsonLogger,
  ) {
    this.logger = logger.child('event-appender');
  }

  async append({ messages, sourceKeyId, pathOf }: AppendRequest): Promise<void> {
    const oversized = messages.findIndex((message) => Buffer.byteLength(JSON.stringify(message), 'utf8') > MAX_EVENT_BYTES);
    if (oversized !== -1) {
      this.metrics.countEvents('too_large', messages.length);
      throw new PayloadTooLarge(pathOf(oversized), `the event is larger than the log takes (${MAX_EVENT_BYTES} bytes as JSON)`);
    }
    const stopTimer = this.metrics.produceDuration.startTimer();
    try {
      await this.log.append(messages);
    } catch (error) {
      this.metrics.countEvents('unavailable', messages.length);
      // Counts and ids only: events carry personal data, which stays out of the logs.
      this.logger.warn('event log unavailable', { events: messages.length, sourceKeyId, error: error instanceof Error ? error.message : String(error) });
      throw new Unavailable('the event log cannot take events right now; retry later', 1);
    } finally {
      stopTimer();
    }
    this.metrics.countEvents('accepted', messages.length);
  }
}
