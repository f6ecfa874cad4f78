import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, ValidateIf } from 'class-validator';
import { eventIdProblem, leadIdProblem, MAX_TRAITS_BYTES, sourceProblem, typeProblem } from '../lead-event-bounds';
import { EVENT_TYPE_PATTERN, LEAD_ID_PATTERN, MAX_EVENT_ID_LENGTH, MAX_PROPERTIES_BYTES, MAX_SOURCE_LENGTH } from '../lead-event.message';
import { RESERVED_EVENT_ID_PREFIXES, RESERVED_TYPES } from '../reserved-events';
import {
  fieldRule, IsJsonObject, IsOccurredAt, IsPublicEventId, IsPublicType, IsStorable, LinksValidIds, MaxJsonBytes, OnlyWithType,
} from './native-event.rules';

/**
 * One event of the native API (`POST /v1/events`), as docs/events.md "Native API" defines it; the
 * Segment routes and the pixel map their calls to it and check them with it. Bounds are the
 * store's (lead-event-bounds.ts, shared with the scoring worker); the reserved types and id
 * namespaces (reserved-events.ts) are refused, since a write key is public. Optional fields may
 * be absent or null. Whether occurredAt is too far ahead depends on the time of receipt, which a
 * decorator cannot know: see `occurredAtTooLate`.
 */
export class NativeEventDto {
  @ApiPropertyOptional({
    type: String, maxLength: MAX_EVENT_ID_LENGTH, nullable: true,
    description: `The dedupe key within the lead: a repeated eventId of a lead is stored once; the same eventId on two leads is two events. Generated when absent. Not in the system's namespaces (${RESERVED_EVENT_ID_PREFIXES.join(' ')}).`,
  })
  @IsOptional()
  @fieldRule('eventId', (value, { property }) => eventIdProblem(value, property))
  @IsPublicEventId()
  eventId?: string | null;

  @ApiProperty({ pattern: LEAD_ID_PATTERN.source, description: 'Who did it: 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -', example: 'jane@acme.test' })
  @IsDefined({ message: 'leadId is required' })
  @fieldRule('leadId', (value, { property }) => leadIdProblem(value, property))
  leadId!: string;

  @ApiProperty({
    pattern: EVENT_TYPE_PATTERN.source, example: 'whitepaper_download',
    description: `email_open, email_click, page_visit, form_submit, whitepaper_download, video_view, webinar_registration, identify, alias or any custom type. Reserved (400): ${Object.keys(RESERVED_TYPES).join(', ')}.`,
  })
  @IsDefined({ message: 'type is required' })
  @fieldRule('type', (value, { property }) => typeProblem(value, property))
  @IsPublicType()
  type!: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When it happened (default: receipt time); from 1970-01-01T00:00:00Z to 24 h after receipt' })
  @IsOptional()
  @IsOccurredAt()
  occurredAt?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: MAX_SOURCE_LENGTH, nullable: true, description: 'Channel or campaign of origin (utm_source, "salon-2026", …)', example: 'newsletter' })
  @IsOptional()
  @fieldRule('source', (value, { property }) => sourceProblem(value, property))
  source?: string | null;

  // Optional, except on an alias, which must say which id it links.
  @ApiPropertyOptional({
    type: 'object', additionalProperties: true, nullable: true,
    description: `JSON object of at most ${MAX_PROPERTIES_BYTES} bytes serialized, 32 levels deep (url, campaign, asset, …); required on alias (previousId)`,
    example: { asset: 'pricing-guide.pdf' },
  })
  @ValidateIf((event: NativeEventDto) => (event.properties !== undefined && event.properties !== null) || event.type === 'alias')
  @IsJsonObject()
  @MaxJsonBytes(MAX_PROPERTIES_BYTES)
  @IsStorable()
  @LinksValidIds()
  properties?: Record<string, unknown> | null;

  @ApiPropertyOptional({
    type: 'object', additionalProperties: true, nullable: true,
    description: `Only with type identify: JSON object of at most ${MAX_TRAITS_BYTES} bytes serialized (email, company, companySize, industry, country, jobTitle)`,
  })
  @IsOptional()
  @IsJsonObject()
  @OnlyWithType('identify')
  @MaxJsonBytes(MAX_TRAITS_BYTES)
  @IsStorable()
  traits?: Record<string, unknown> | null;
}
