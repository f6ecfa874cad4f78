import { Inject, Injectable } from '@nestjs/common';
import { toLeadEventMessage } from '@leadscore/contracts';
import { assertJsonContentType, PayloadTooLarge, Unavailable, ValidationFailed } from '@leadscore/http';
import { type ContextLogger, JsonLogger } from '@leadscore/observability';
import { type AuthenticatedSource } from '../auth/authenticated-source';
import { IngestMetrics } from '../ingest.metrics';
import { CLOCK, type Clock, EVENT_LOG, NEW_EVENT_ID } from '../ingest.tokens';
import { type EventLog, MAX_EVENT_BYTES } from './event-log';
import { parseNativeEvents } from './parse-native-events';

export interface EventsRequest {
  body: unknown;
  contentType: string | undefined;
  source: AuthenticatedSource;
}

/** The 202 answer: how many events the log took, and their ids (generated ones included). */
export interface AcceptedEvents {
  accepted: number;
  eventIds: string[];
}

/** `POST /v1/events`: check, map to LeadEventMessage, append to the log, answer once it is durable. */
@Injectable()
export class EventsService {
  private readonly logger: ContextLogger;

  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NEW_EVENT_ID) private readonly newEventId: () => string,
    private readonly metrics: IngestMetrics,
    logger: JsonLogger,
  ) {
    this.logger = logger.child('events');
  }

  async accept(request: EventsRequest): Promise<AcceptedEvents> {
    assertJsonContentType(request.contentType);
    const receivedAt = this.clock.now();
    const parsed = parseNativeEvents(request.body, receivedAt);
    switch (parsed.outcome) {
      case 'too_large':
        this.metrics.countEvents('too_large', parsed.eventCount);
        throw new PayloadTooLarge(parsed.errors[0].path, parsed.errors[0].message);
      case 'invalid':
        this.metrics.countEvents('invalid', parsed.eventCount);
        throw new ValidationFailed(parsed.errors);
      case 'valid':
        break;
    }
    const context = { receivedAt, newEventId: this.newEventId, sourceKeyId: request.source.keyId };
    const messages = parsed.events.map((event) => toLeadEventMessage(event, context));
    const oversized = messages.findIndex((message) => Buffer.byteLength(JSON.stringify(message), 'utf8') > MAX_EVENT_BYTES);
    if (oversized !== -1) {
      this.metrics.countEvents('too_large', messages.length);
      throw new PayloadTooLarge(parsed.batch ? `events.${oversized}` : 'body', `the event is larger than the log takes (${MAX_EVENT_BYTES} bytes as JSON)`);
    }
    const stopTimer = this.metrics.produceDuration.startTimer();
    try {
      await this.log.append(messages);
    } catch (error) {
      this.metrics.countEvents('unavailable', messages.length);
      // Counts and ids only: events carry personal data, which stays out of the logs.
      this.logger.warn('event log unavailable', { events: messages.length, sourceKeyId: request.source.keyId, error: messageOf(error) });
      throw new Unavailable('the event log cannot take events right now; retry later', 1);
    } finally {
      stopTimer();
    }
    this.metrics.countEvents('accepted', messages.length);
    return { accepted: messages.length, eventIds: messages.map((message) => message.eventId) };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
