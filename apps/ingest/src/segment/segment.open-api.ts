import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NativeEventDto, SEGMENT_MAX_BATCH_BYTES, SEGMENT_MAX_EVENT_BYTES, type SegmentRoute } from '@leadscore/contracts';
import { ApiErrors, ErrorsBodySchema } from '@leadscore/http';

/**
 * A Segment HTTP Tracking API call, as `libs/contracts/src/segment` reads it (those pure readers,
 * not a DTO, check the Segment fields; the event they map to is then checked by NativeEventDto).
 */
export class SegmentCallSchema {
  @ApiPropertyOptional({ description: 'The lead id (must fit the leadId alphabet, else 400); else anonymousId is', example: 'jane@acme.test' })
  userId?: string;

  @ApiPropertyOptional({ description: 'The lead id when there is no userId', example: 'anon-7f3a' })
  anonymousId?: string;

  @ApiPropertyOptional({ description: 'The eventId (dedupe key)', example: 'msg-1' })
  messageId?: string;

  @ApiPropertyOptional({ description: 'track: the event name; its snake_case is the type (`Whitepaper Downloaded` → `whitepaper_downloaded`)', example: 'Whitepaper Downloaded' })
  event?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Become the event properties (`page`: `url`)' })
  properties?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'identify: the traits; group: become properties' })
  traits?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'alias: the anonymous id linked to userId' })
  previousId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened; with sentAt, corrected for the client clock' })
  timestamp?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  sentAt?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '`context.campaign.source` becomes the source, `context.page.url` the page url' })
  context?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The write key, when not sent as Basic auth (sendBeacon, text/plain bodies)' })
  writeKey?: string;
}

export class SegmentBatchSchema {
  @ApiProperty({ type: 'array', items: { allOf: [{ $ref: '#/components/schemas/SegmentCallSchema' }, { type: 'object', properties: { type: { enum: ['track', 'identify', 'page', 'screen', 'group', 'alias'] } }, required: ['type'] }] } })
  batch!: SegmentCallSchema[];

  @ApiPropertyOptional()
  writeKey?: string;
}

export class SegmentSuccessSchema {
  @ApiProperty({ enum: [true] })
  success!: true;
}

/** Segment's error body: the house errors plus `success: false` (the SDKs read it). */
export class SegmentErrorsSchema extends ErrorsBodySchema {
  @ApiProperty({ enum: [false] })
  success!: false;
}

const EXAMPLES: Record<SegmentRoute, object> = {
  track: { userId: 'jane@acme.test', messageId: 'doc-seg-track', event: 'Whitepaper Downloaded', properties: { asset: 'guide.pdf' }, context: { campaign: { source: 'newsletter' } } },
  identify: { userId: 'jane@acme.test', messageId: 'doc-seg-identify', traits: { email: 'jane@acme.test', company: 'Acme', companySize: 250 } },
  page: { anonymousId: 'anon-7f3a', messageId: 'doc-seg-page', properties: { url: 'https://acme.test/pricing' } },
  screen: { userId: 'jane@acme.test', messageId: 'doc-seg-screen', name: 'Pricing' },
  group: { userId: 'jane@acme.test', messageId: 'doc-seg-group', groupId: 'acme', traits: { industry: 'software' } },
  alias: { userId: 'jane@acme.test', previousId: 'anon-7f3a', messageId: 'doc-seg-alias' },
  batch: { batch: [{ type: 'track', userId: 'jane@acme.test', messageId: 'doc-seg-batch-1', event: 'Webinar Registered' }, { type: 'page', userId: 'jane@acme.test', messageId: 'doc-seg-batch-2', properties: { url: 'https://acme.test/' } }] },
};

/** A Segment route in the document: its body shape, limits, auth and the Segment error body. */
export function DocumentSegmentCall(route: SegmentRoute): MethodDecorator {
  const limits = route === 'batch' ? `at most ${SEGMENT_MAX_BATCH_BYTES} bytes per request (413) and ${SEGMENT_MAX_EVENT_BYTES} per call (400 on that call)` : `at most ${SEGMENT_MAX_EVENT_BYTES} bytes (400)`;
  return applyDecorators(
    ApiTags('segment'),
    ApiSecurity('segmentBasic'),
    ApiSecurity('writeKey'),
    ApiConsumes('application/json', 'text/plain'),
    ApiOperation({
      summary: `Segment ${route} (also /v1/${route[0]})`,
      description:
        `The Segment HTTP Tracking API's ${route}, so stock Segment SDKs send here unchanged: ${limits}. JSON or text/plain bodies; ` +
        'the write key as Basic auth user name, Bearer, or `writeKey` in the body. The call is mapped to a native event and checked like one ' +
        `(${NativeEventDto.name}); a permanent problem is a 400, which the SDKs drop. \`Sec-GPC: 1\` or \`DNT: 1\`: answered, not recorded.`,
    }),
    ApiBody({ type: route === 'batch' ? SegmentBatchSchema : SegmentCallSchema, examples: { [route]: { value: EXAMPLES[route] } } }),
    ApiOkResponse({ description: 'In the log', type: SegmentSuccessSchema }),
    ApiErrors([400, 401, 403, 413, 415, 429, 503], { schema: SegmentErrorsSchema }),
  );
}

/** `GET /v1/projects/{writeKey}/settings`. */
export function DocumentSegmentSettings(): MethodDecorator {
  return applyDecorators(
    ApiTags('segment'),
    ApiOperation({ summary: 'analytics.js settings', description: 'What analytics.js loads before sending: `integrations["Segment.io"].apiHost` points it here. The key is only echoed, never looked up.' }),
    ApiOkResponse({ description: 'Settings (no-store)', schema: { type: 'object', additionalProperties: true } }),
  );
}
