import { Inject, Injectable } from '@nestjs/common';
import { toLeadEventMessage } from '@leadscore/contracts';
import { assertJsonContentType, PayloadTooLarge, ValidationFailed } from '@leadscore/http';
import { type AuthenticatedSource } from '../auth/authenticated-source';
import { IngestMetrics } from '../ingest.metrics';
import { CLOCK, type Clock, NEW_EVENT_ID } from '../ingest.tokens';
import { EventAppender } from './event-appender';
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
  constructor(
    private readonly appender: EventAppender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NEW_EVENT_ID) private readonly newEventId: () => string,
    private readonly metrics: IngestMetrics,
  ) {}

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
    await this.appender.append({ messages, sourceKeyId: request.source.keyId, pathOf: (index) => (parsed.batch ? `events.${index}` : 'body') });
    return { accepted: messages.length, eventIds: messages.map((message) => message.eventId) };
  }
}
