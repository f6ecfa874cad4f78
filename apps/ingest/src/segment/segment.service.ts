import { Inject, Injectable } from '@nestjs/common';
import {
  type FieldError,
  mapSegmentRequest,
  type MappedSegmentCall,
  NativeEventDto,
  occurredAtTooLate,
  SEGMENT_MAX_BATCH_BYTES,
  segmentBodyBytes,
  type SegmentRoute,
  segmentPath,
  toLeadEventMessage,
} from '@leadscore/contracts';
import { PayloadTooLarge, validateDto, ValidationFailed } from '@leadscore/http';
import { type AuthenticatedSource } from '../auth/authenticated-source';
import { EventAppender } from '../events/event-appender';
import { IngestMetrics } from '../ingest.metrics';
import { CLOCK, type Clock, NEW_EVENT_ID } from '../ingest.tokens';
import { decodeSegmentBody } from './segment-body';

export interface SegmentRequest {
  route: SegmentRoute;
  body: unknown;
  contentType: string | undefined;
  /** Bytes of the body as received (Content-Length), for Segment's 500 KB batch limit. */
  bodyBytes: number | undefined;
  source: AuthenticatedSource;
}

/** Segment's answer to an accepted call: the SDKs read nothing else. */
export interface SegmentAccepted {
  success: true;
}

/**
 * The Segment HTTP Tracking API: decode, map every call to a native event, check it against the
 * native contract (errors named by the Segment field), append; `{"success": true}` only once
 * Kafka acknowledged. A request is taken whole or not at all, as on `/v1/events`.
 */
@Injectable()
export class SegmentService {
  constructor(
    private readonly appender: EventAppender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NEW_EVENT_ID) private readonly newEventId: () => string,
    private readonly metrics: IngestMetrics,
  ) {}

  async accept(request: SegmentRequest): Promise<SegmentAccepted> {
    const body = decodeSegmentBody(request.body, request.contentType);
    const bytes = request.bodyBytes ?? segmentBodyBytes(body) ?? 0;
    if (bytes > SEGMENT_MAX_BATCH_BYTES) {
      this.metrics.countEvents('too_large', 1);
      throw new PayloadTooLarge('body', `a Segment request must be at most ${SEGMENT_MAX_BATCH_BYTES} bytes, got ${bytes}`);
    }
    const receivedAt = this.clock.now();
    const mapped = mapSegmentRequest(request.route, body, receivedAt);
    if (!mapped.ok) return this.refuse(mapped.errors);
    const errors = mapped.calls.flatMap((call) => nativeErrors(call, receivedAt));
    if (errors.length > 0) return this.refuse(errors);

    const context = { receivedAt, newEventId: this.newEventId, sourceKeyId: request.source.keyId };
    const messages = mapped.calls.map((call) => toLeadEventMessage(call.event as NativeEventDto, context));
    await this.appender.append({ messages, sourceKeyId: request.source.keyId, pathOf: (index) => mapped.calls[index].path || 'body' });
    return { success: true };
  }

  private refuse(errors: FieldError[]): never {
    this.metrics.countEvents('invalid', 1);
    throw new ValidationFailed(errors);
  }
}

/** The native contract's verdict on a mapped call, with paths as the client wrote them. */
function nativeErrors(call: MappedSegmentCall, receivedAt: Date): FieldError[] {
  const result = validateDto(NativeEventDto, call.event);
  const errors = result.ok ? [] : result.errors;
  const tooLate = occurredAtTooLate(call.event.occurredAt, receivedAt);
  if (tooLate !== null) errors.push({ path: 'occurredAt', message: tooLate });
  return errors.map((error) => {
    const [field, ...rest] = error.path.split('.');
    const path = [segmentPath(field, call.raw), ...rest].join('.');
    return { path: call.path ? `${call.path}.${path}` : path, message: error.message };
  });
}
