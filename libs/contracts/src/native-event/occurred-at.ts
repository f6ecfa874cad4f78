import { eventTimeProblem } from '../lead-event-bounds';

// YYYY-MM-DD, optionally THH:MM[:SS[.fraction]] and an offset (Z, ±HH, ±HHMM, ±HH:MM).
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * An ISO-8601 date or date-time as an instant; null when the text is not one or names a day or
 * time that does not exist (2026-02-30, 24:00). Without an offset the time is read as UTC, never
 * in the server's zone, so the same input gives the same instant everywhere.
 */
export function parseOccurredAt(text: string): Date | null {
  const canonical = parseCanonical(text);
  if (canonical !== undefined) return canonical;
  const match = ISO_8601.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '0', offset = 'Z'] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > daysIn(Number(year), Number(month))) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : normaliseOffset(offset);
  if (zone === null) return null;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const instant = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${zone}`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** The problem with an occurredAt that is a valid instant but more than 24 h after receipt; else null. */
export function occurredAtTooLate(value: unknown, receivedAt: Date): string | null {
  if (typeof value !== 'string') return null;
  const occurredAt = parseOccurredAt(value);
  if (occurredAt === null || occurredAt.getTime() < receivedAt.getTime()) return null;
  return eventTimeProblem(occurredAt, 'occurredAt', receivedAt);
}

/**
 * `Date#toISOString`'s own form, YYYY-MM-DDTHH:MM:SS.sssZ (what ingest writes on lead-events, so
 * the worker reads two a message): by char codes, without the regex and the second parse. Undefined
 * when the text is not in that form (the general path decides), null when it names no instant.
 */
function parseCanonical(text: string): Date | null | undefined {
  if (text.length !== 24 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[19] !== '.' || text[23] !== 'Z') {
    return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const millis = digitsAt(text, 20, 3);
  // Date.UTC reads years 0–99 as 1900–1999: those few go the general way.
  if (year < 100 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || millis < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
}

/** The decimal number of `length` digits at `at`; -1 when one of them is not a digit. */
function digitsAt(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function normaliseOffset(offset: string): string | null {
  const digits = offset.slice(1).replace(':', '');
  const hours = digits.slice(0, 2);
  const minutes = digits.slice(2) || '00';
  if (Number(hours) > 23 || Number(minutes) > 59) return null;
  return `${offset[0]}${hours}:${minutes}`;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
