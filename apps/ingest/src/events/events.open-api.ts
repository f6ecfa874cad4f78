import { applyDecorators } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiExtraModels, ApiOperation, ApiProperty, ApiSecurity, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { MAX_BATCH_EVENTS, NativeEventBatchDto, NativeEventDto } from '@leadscore/contracts';
import { ApiErrors } from '@leadscore/http';
import { MAX_BODY_BYTES } from '../ingest.limits';

/** The 202 of `POST /v1/events` (events.service.ts AcceptedEvents). */
export class AcceptedEventsSchema {
  @ApiProperty({ description: 'Events taken into the log (before deduplication by eventId)', example: 2 })
  accepted!: number;

  @ApiProperty({ type: [String], description: 'The eventId of each event, in order (generated ones included)', example: ['evt-1', 'evt-2'] })
  eventIds!: string[];
}

/** `POST /v1/events` in the document: the body is NativeEventDto or NativeEventBatchDto, the classes that validate it. */
export function DocumentNativeEvents(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiTags('native'),
    ApiSecurity('writeKey'),
    ApiExtraModels(NativeEventDto, NativeEventBatchDto),
    ApiOperation({
      summary: 'Send one event or a batch',
      description:
        `One event, or \`{"events": [...]}\` with at most ${MAX_BATCH_EVENTS} events, in at most ${MAX_BODY_BYTES} bytes (else 413). ` +
        'A batch with any invalid event is refused whole (400, paths `events.N.field`). 202 only once every event is durably in Kafka; ' +
        'when Kafka cannot take them, 503 within 5 s and nothing is written. Retry 429/503 with the same eventIds: they are deduplicated.',
    }),
    ApiBody({
      schema: { oneOf: [{ $ref: getSchemaPath(NativeEventDto) }, { $ref: getSchemaPath(NativeEventBatchDto) }] },
      examples: {
        event: { summary: 'One event', value: { eventId: 'doc-example-1', leadId: 'jane@acme.test', type: 'whitepaper_download', source: 'newsletter', properties: { asset: 'pricing-guide.pdf' } } },
        batch: {
          summary: 'A batch',
          value: {
            events: [
              { eventId: 'doc-example-2', leadId: 'jane@acme.test', type: 'identify', traits: { email: 'jane@acme.test', company: 'Acme', companySize: 250 } },
              { eventId: 'doc-example-3', leadId: 'jane@acme.test', type: 'page_visit', occurredAt: '2026-11-02T10:00:00Z', properties: { url: 'https://acme.test/pricing' } },
            ],
          },
        },
      },
    }),
    ApiAcceptedResponse({ description: 'Durably in the log', type: AcceptedEventsSchema }),
    ApiErrors([400, 401, 403, 413, 415, 429, 503]),
  );
}
