import { occurredAtTooLate, parseOccurredAt } from './occurred-at';

describe('parseOccurredAt', () => {
  it.each([
    ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30:00.123Z', '2026-03-01T09:30:00.123Z'],
    ['2026-03-01T09:30:00.123456789z', '2026-03-01T09:30:00.123Z'],
    ['2026-03-01T10:30:00+01:00', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T04:30:00-0500', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T11:30:00+02', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01 09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30:00', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s (no offset means UTC)', (text, iso) => {
    expect(parseOccurredAt(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '', 'yesterday', '1767225600000', '2026-3-1', '2026-03-01T9:30:00Z', '2026-13-01', '2026-02-30', '2025-02-29',
    '2026-03-01T24:00:00Z', '2026-03-01T09:60:00Z', '2026-03-01T09:30:60Z', '2026-03-01T09:30:00+24:00', '2026-W09-7',
    '2026-03-01T09:30:00Z trailing', ' 2026-03-01',
  ])('refuses %j', (text) => {
    expect(parseOccurredAt(text)).toBeNull();
  });
});

describe('parseOccurredAt on toISOString\'s own form (its fast path)', () => {
  it.each([
    ['2026-03-01T09:30:00.123Z', '2026-03-01T09:30:00.123Z'],
    ['2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z'],
    ['0099-01-01T00:00:00.000Z', '0099-01-01T00:00:00.000Z'],
    ['0100-01-01T00:00:00.000Z', '0100-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as the same instant', (text, iso) => {
    expect(parseOccurredAt(text)?.toISOString()).toBe(iso);
  });

  it.each(['2025-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-00-01T00:00:00.000Z', '2026-03-01T24:00:00.000Z',
    '2026-03-01T09:60:00.000Z', '2026-03-01T09:30:60.000Z', '2026-03-01T09:30:00.0a0Z', '2026-03-01T09:30:00.000X', '+26-03-01T09:30:00.000Z'])('refuses %j', (text) => {
    expect(parseOccurredAt(text)).toBeNull();
  });

  it('gives what toISOString wrote, for instants across the years', () => {
    for (let t = Date.UTC(1970, 0, 1); t < Date.UTC(2100, 0, 1); t += 86_400_000 * 37 + 3_723_456) {
      expect(parseOccurredAt(new Date(t).toISOString())?.getTime()).toBe(t);
    }
  });
});

describe('occurredAtTooLate', () => {
  const receivedAt = new Date('2026-03-01T12:00:00.000Z');

  it.each([
    ['exactly 24 h ahead', '2026-03-02T12:00:00Z', null],
    ['in the past', '2020-01-01T00:00:00Z', null],
    ['not a date (another rule reports it)', 'soon', null],
    ['not a string', 42, null],
    ['24 h and 1 ms ahead', '2026-03-02T12:00:00.001Z', 'occurredAt must be at most 24 h after the time of receipt (2026-03-01T12:00:00.000Z)'],
    ['a year ahead', '2027-03-01', 'occurredAt must be at most 24 h after the time of receipt (2026-03-01T12:00:00.000Z)'],
  ])('%s → %s', (_name, value, expected) => {
    expect(occurredAtTooLate(value, receivedAt)).toBe(expected);
  });
});
