import {
  type FieldError,
  MAX_BATCH_EVENTS,
  NativeEventBatchDto,
  NativeEventDto,
  occurredAtTooLate,
} from '@leadscore/contracts';
import { isJsonObject, joinPath, validateDto } from '@leadscore/http';

export type ParsedEvents =
  | { outcome: 'valid'; events: NativeEventDto[]; batch: boolean }
  | { outcome: 'invalid'; errors: FieldError[]; eventCount: number }
  | { outcome: 'too_large'; errors: FieldError[]; eventCount: number };

/**
 * A native API body — one event, or `{"events": [...]}` — checked against docs/events.md "Native API". A batch is taken whole or not at all, and a refusal lists the problems of every event.
 */
export function parseNativeEvents(body: unknown, receivedAt: Date): ParsedEvents {
  if (!isJsonObject(body)) {
    return { outcome: 'invalid', errors: [{ path: 'body', message: 'the body must be one event object, or {"events": [...]}' }], eventCount: 0 };
  }
  if (!('events' in body)) return collect([body], '', receivedAt, []);

  const entries = Array.isArray(body.events) ? (body.events as unknown[]) : [];
  if (entries.length > MAX_BATCH_EVENTS) {
    const message = `a batch holds at most ${MAX_BATCH_EVENTS} events, got ${entries.length}`;
    return { outcome: 'too_large', errors: [{ path: 'events', message }], eventCount: entries.length };
  }
  const envelope = validateDto(NativeEventBatchDto, body);
  return collect(entries, 'events', receivedAt, envelope.ok ? [] : envelope.errors);
}

function collect(entries: unknown[], parentPath: string, receivedAt: Date, errors: FieldError[]): ParsedEvents {
  const events: NativeEventDto[] = [];
  entries.forEach((entry, index) => {
    const path = parentPath === '' ? '' : joinPath(parentPath, index);
    const result = validateDto(NativeEventDto, entry, { path });
    if (result.ok) events.push(result.value);
    else errors.push(...result.errors);
    // The time of receipt is not known to the DTO's decorators: this rule is checked here.
    const tooLate = isJsonObject(entry) ? occurredAtTooLate(entry.occurredAt, receivedAt) : null;
    if (tooLate !== null) errors.push({ path: joinPath(path, 'occurredAt'), message: tooLate });
  });
  if (errors.length > 0) return { outcome: 'invalid', errors, eventCount: entries.length };
  return { outcome: 'valid', events, batch: parentPath !== '' };
}
