import { IsDefined, IsOptional, Length, Matches, ValidateIf } from 'class-validator';
import { EVENT_TYPE_PATTERN, LEAD_ID_PATTERN, MAX_EVENT_ID_LENGTH, MAX_PROPERTIES_BYTES, MAX_SOURCE_LENGTH } from '../lead-event.message';
import { IsJsonObject, IsOccurredAt, IsStorable, LinksValidIds, MaxJsonBytes, OnlyWithType } from './native-event.rules';

/**
 * One event of the native API (`POST /v1/events`), as DESIGN.md "Native event" defines it.
 * Optional fields may be absent or null. Whether occurredAt is too far ahead depends on the time
 * of receipt, which a decorator cannot know: see `occurredAtTooLate`.
 */
export class NativeEventDto {
  @IsOptional()
  @Length(1, MAX_EVENT_ID_LENGTH, { message: `eventId must be a string of 1 to ${MAX_EVENT_ID_LENGTH} characters` })
  @IsStorable()
  eventId?: string | null;

  @IsDefined({ message: 'leadId is required' })
  @Matches(LEAD_ID_PATTERN, { message: 'leadId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -' })
  leadId!: string;

  @IsDefined({ message: 'type is required' })
  @Matches(EVENT_TYPE_PATTERN, {
    message: 'type must be 1 to 64 characters: a lower-case letter, then lower-case letters, digits or _ (such as page_visit)',
  })
  type!: string;

  @IsOptional()
  @IsOccurredAt()
  occurredAt?: string | null;

  @IsOptional()
  @Length(0, MAX_SOURCE_LENGTH, { message: `source must be a string of at most ${MAX_SOURCE_LENGTH} characters` })
  @IsStorable()
  source?: string | null;

  // Optional, except on an alias, which must say which id it links.
  @ValidateIf((event: NativeEventDto) => (event.properties !== undefined && event.properties !== null) || event.type === 'alias')
  @IsJsonObject()
  @MaxJsonBytes(MAX_PROPERTIES_BYTES)
  @IsStorable()
  @LinksValidIds()
  properties?: Record<string, unknown> | null;

  @IsOptional()
  @IsJsonObject()
  @OnlyWithType('identify')
  @IsStorable()
  traits?: Record<string, unknown> | null;
}
