import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { type FieldError } from '../api/api-answer';

/** One event of the file, with the (1-based) line it came from. */
export interface LineEvent {
  line: number;
  event: Record<string, unknown>;
}

export interface RefusedLine {
  line: number;
  errors: FieldError[];
}

export interface ReadLines {
  events: LineEvent[];
  /** Lines refused before sending: not JSON, or not a JSON object. */
  refused: RefusedLine[];
}

/**
 * Splits a JSON-lines file into events; blank lines are skipped. An event without `eventId` gets
 * one derived from the file's name, the line number and the line's text, so sending the same file
 * again (a retry, a re-run after a crash) is deduplicated by the server rather than counted twice.
 */
export function readJsonLines(text: string, fileName: string): ReadLines {
  const events: LineEvent[] = [];
  const refused: RefusedLine[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const source = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (source.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (error) {
      refused.push({ line, errors: [{ path: 'line', message: `not JSON: ${(error as Error).message}` }] });
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      refused.push({ line, errors: [{ path: 'line', message: 'each line must be one JSON object (an event)' }] });
      return;
    }
    const event = parsed as Record<string, unknown>;
    events.push({ line, event: event.eventId === undefined || event.eventId === null ? { ...event, eventId: lineEventId(fileName, line, source) } : event });
  });
  return { events, refused };
}

/** `line:` + 32 hex digits of SHA-256 over the file's base name, the line number and its text. */
export function lineEventId(fileName: string, line: number, text: string): string {
  const digest = createHash('sha256').update(`${basename(fileName)}\n${line}\n${text}`).digest('hex');
  return `line:${digest.slice(0, 32)}`;
}
