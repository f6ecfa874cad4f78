import { Inject, Injectable } from '@nestjs/common';
import { NativeEventDto, toLeadEventMessage } from '@leadscore/contracts';
import { RequestError, validateDto } from '@leadscore/http';
import { type ContextLogger, JsonLogger } from '@leadscore/observability';
import { type AuthenticatedSource } from '../auth/authenticated-source';
import { presentedWriteKey } from '../auth/presented-write-key';
import { WriteKeyAuthenticator } from '../auth/write-key.authenticator';
import { EventAppender } from '../events/event-appender';
import { SourceOriginCheck } from '../browsers/source-origin.check';
import { SourceRateLimiter } from '../limits/source-rate-limiter';
import { IngestMetrics, type PixelOutcome } from '../ingest.metrics';
import { CLOCK, type Clock, NEW_EVENT_ID } from '../ingest.tokens';
import { optedOut } from '../browsers/opted-out';
import { pixelEvent } from './pixel-hit';

export interface PixelRequest {
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A pixel hit: recorded when it is valid (appended before the GIF goes out, when Kafka answers),
 * otherwise only counted. It never throws: whatever happens, the caller answers the GIF. Nothing
 * of the query (lead id, key, properties) is ever logged.
 */
@Injectable()
export class PixelService {
  private readonly logger: ContextLogger;

  constructor(
    private readonly authenticator: WriteKeyAuthenticator,
    private readonly appender: EventAppender,
    private readonly rateLimiter: SourceRateLimiter,
    private readonly origins: SourceOriginCheck,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NEW_EVENT_ID) private readonly newEventId: () => string,
    private readonly metrics: IngestMetrics,
    logger: JsonLogger,
  ) {
    this.logger = logger.child('pixel');
  }

  async record(request: PixelRequest): Promise<PixelOutcome> {
    const outcome = await this.outcomeOf(request).catch((error: unknown): PixelOutcome => {
      this.logger.warn('pixel hit failed', { error: error instanceof Error ? error.name : 'unknown' });
      return 'dropped';
    });
    this.metrics.pixelHits.inc({ outcome });
    return outcome;
  }

  private async outcomeOf({ query, headers }: PixelRequest): Promise<PixelOutcome> {
    if (optedOut(headers)) return 'opted_out';
    const presented = presentedWriteKey({ queryKey: query.k });
    if (!presented.ok) return 'unauthorized';
    let source: AuthenticatedSource;
    try {
      source = await this.authenticator.authenticate(presented.key);
    } catch (error) {
      return error instanceof RequestError && error.kind === 'unauthorized' ? 'unauthorized' : 'dropped';
    }
    if (!this.origins.allows(source, headers.origin?.toString(), 'pixel')) return 'origin_refused';
    const sourceKeyId = source.keyId;
    if (!(await this.rateLimiter.admission(sourceKeyId)).allowed) return 'rate_limited';
    const validated = validateDto(NativeEventDto, pixelEvent(query));
    if (!validated.ok) return 'invalid';
    const message = toLeadEventMessage(validated.value, { receivedAt: this.clock.now(), newEventId: this.newEventId, sourceKeyId });
    try {
      await this.appender.append({ messages: [message], sourceKeyId, pathOf: () => 'query' });
    } catch (error) {
      return error instanceof RequestError && error.kind === 'payload-too-large' ? 'invalid' : 'dropped';
    }
    return 'recorded';
  }
}
