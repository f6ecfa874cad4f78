import { eventTimeProblem } from '../lead-event-bounds';

// YYYY-MM-DD, optionally THH:MM[:SS[.fraction]] and an offset (Z, ±HH, ±HHMM, ±HH:MM).
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * An ISO-8601 date or date-time as an instant; null when the text is not one or names a day or
 * time that does not exist (2026-02-30, 24:00). Without an offset the time is read as UTC, never
 * in the server's zone, so the same input gives the same instant everywhere.
 */
export function parseOccurredAt(text: string): Date | null {
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
