import { type FieldError } from '../field-error';
import { jsonDepth, MAX_JSON_DEPTH } from '../lead-event-bounds';
import { mapSegmentCall, SEGMENT_MAX_EVENT_BYTES, type SegmentCall, type SegmentNativeEvent } from './segment-call';

/** What a Segment route receives: one call, or `batch` (`/v1/batch`, `/v1/b`). */
export type SegmentRoute = SegmentCall | 'batch';

/** A call of the request, mapped, with the raw call kept to name error paths the client's way. */
export interface MappedSegmentCall {
  path: string;
  raw: unknown;
  event: SegmentNativeEvent;
}

/**
 * Deepest a Segment request may be to be measured at all: far past what a field may nest
 * (MAX_JSON_DEPTH, then refused on that field's path), far short of where JSON.stringify
 * overflows its stack (some thousands of levels), which would answer 500.
 */
export const SEGMENT_MAX_DEPTH = 8 * MAX_JSON_DEPTH;

/** Bytes of a decoded body as JSON, or null when it nests too deep to measure (refused by the mapping). */
export function segmentBodyBytes(body: unknown): number | null {
  if (typeof body === 'object' && body !== null && jsonDepth(body, SEGMENT_MAX_DEPTH) > SEGMENT_MAX_DEPTH) return null;
  return Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8');
}

export type SegmentRequestMapping = { ok: true; calls: MappedSegmentCall[] } | { ok: false; errors: FieldError[] };

/**
 * A Segment request body (already JSON-decoded) → its calls mapped to native events. Every
 * problem of every call is listed; a call over 32 KB is refused on its own path (Segment's limit).
 */
export function mapSegmentRequest(route: SegmentRoute, body: unknown, receivedAt: Date): SegmentRequestMapping {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ path: 'body', message: 'the body must be a JSON object (a Segment call, or {"batch": [...]})' }] };
  }
  // Before any JSON.stringify (the size checks below): a value nested thousands deep overflows its stack.
  if (jsonDepth(body, SEGMENT_MAX_DEPTH) > SEGMENT_MAX_DEPTH) {
    return { ok: false, errors: [{ path: 'body', message: `the body must not nest deeper than ${SEGMENT_MAX_DEPTH} levels` }] };
  }
  const record = body as Record<string, unknown>;
  if (route !== 'batch') return collect([{ raw: body, path: '', call: route }], receivedAt, record.sentAt);
  const batch = record.batch;
  if (!Array.isArray(batch) || batch.length === 0) {
    return { ok: false, errors: [{ path: 'batch', message: 'batch must be a non-empty array of Segment calls' }] };
  }
  return collect(batch.map((raw: unknown, index) => ({ raw, path: `batch.${index}`, call: null })), receivedAt, record.sentAt);
}

function collect(entries: Array<{ raw: unknown; path: string; call: SegmentCall | null }>, receivedAt: Date, sentAt: unknown): SegmentRequestMapping {
  const errors: FieldError[] = [];
  const calls: MappedSegmentCall[] = [];
  for (const { raw, path, call } of entries) {
    const bytes = Buffer.byteLength(JSON.stringify(raw) ?? '', 'utf8');
    if (bytes > SEGMENT_MAX_EVENT_BYTES) {
      errors.push({ path: path || 'body', message: `a call must be at most ${SEGMENT_MAX_EVENT_BYTES} bytes as JSON, got ${bytes}` });
      continue;
    }
    const mapped = mapSegmentCall(raw, { call, path, receivedAt, sentAt });
    if (mapped.ok) calls.push({ path, raw, event: mapped.event });
    else errors.push(...mapped.errors);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, calls };
}
