import { ApiProperty } from '@nestjs/swagger';
import { NativeEventDto } from './native-event.dto';
import { fieldRule } from './native-event.rules';

/** Most events in one request; a longer batch is a 413, like a body over the size limit. */
export const MAX_BATCH_EVENTS = 500;

/**
 * `{"events": [...]}`. This DTO checks the envelope (an array of 1 to 500 entries, no other
 * field); each entry is then validated as a NativeEventDto under the path `events.N`, so that
 * one bad event lists every problem of the batch.
 */
export class NativeEventBatchDto {
  @ApiProperty({ type: () => [NativeEventDto], minItems: 1, maxItems: MAX_BATCH_EVENTS, description: `1 to ${MAX_BATCH_EVENTS} events; one invalid event refuses the batch whole` })
  @IsEventList()
  events!: NativeEventDto[];
}

function IsEventList(): PropertyDecorator {
  return fieldRule('isEventList', eventListProblem);
}

function eventListProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return `events must be an array of 1 to ${MAX_BATCH_EVENTS} events`;
  if (value.length === 0) return 'events must hold at least one event';
  if (value.length > MAX_BATCH_EVENTS) return `events must hold at most ${MAX_BATCH_EVENTS} events, got ${value.length}`;
  return null;
}
