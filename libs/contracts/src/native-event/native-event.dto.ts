import { IsDefined, IsOptional, ValidateIf } from 'class-validator';
import { eventIdProblem, leadIdProblem, MAX_TRAITS_BYTES, sourceProblem, typeProblem } from '../lead-event-bounds';
import { MAX_PROPERTIES_BYTES } from '../lead-event.message';
import {
  fieldRule, IsJsonObject, IsOccurredAt, IsPublicEventId, IsPublicType, IsStorable, LinksValidIds, MaxJsonBytes, OnlyWithType,
} from './native-event.rules';

/**
 * One event of the native API (`POST /v1/events`), as DESIGN.md "Native event" defines it; the
 * Segment routes and the pixel map their calls to it and check them with it. Bounds are the
 * store's (lead-event-bounds.ts, shared with the scoring worker); the reserved types and id
 * namespaces (reserved-events.ts) are refused, since a write key is public. Optional fields may
 * be absent or null. Whether occurredAt is too far ahead depends on the time of receipt, which a
 * decorator cannot know: see `occurredAtTooLate`.
 */
export class NativeEventDto {
  @IsOptional()
  @fieldRule('eventId', (value, { property }) => eventIdProblem(value, property))
  @IsPublicEventId()
  eventId?: string | null;

  @IsDefined({ message: 'leadId is required' })
  @fieldRule('leadId', (value, { property }) => leadIdProblem(value, property))
  leadId!: string;

  @IsDefined({ message: 'type is required' })
  @fieldRule('type', (value, { property }) => typeProblem(value, property))
  @IsPublicType()
  type!: string;

  @IsOptional()
  @IsOccurredAt()
  occurredAt?: string | null;

  @IsOptional()
  @fieldRule('source', (value, { property }) => sourceProblem(value, property))
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
  @MaxJsonBytes(MAX_TRAITS_BYTES)
  @IsStorable()
  traits?: Record<string, unknown> | null;
}
