import { GIVE_UP_AFTER_MS, nextAttempt, parseRetryAfter } from './retry-schedule';

const schedule = [5000, 300_000, 1_800_000];

describe('nextAttempt', () => {
  it('follows the schedule with ±10% jitter', () => {
    expect(nextAttempt({ schedule, attempts: 1, elapsedMs: 0, retryAfterMs: null, random: 0.5 })).toEqual({ retryInMs: 5000 });
    expect(nextAttempt({ schedule, attempts: 1, elapsedMs: 0, retryAfterMs: null, random: 0 })).toEqual({ retryInMs: 4500 });
    expect(nextAttempt({ schedule, attempts: 2, elapsedMs: 0, retryAfterMs: null, random: 0.999999 })).toEqual({ retryInMs: 330_000 });
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(nextAttempt({ schedule, attempts: 1, elapsedMs: 0, retryAfterMs: 60_000, random: 0.5 })).toEqual({ retryInMs: 60_000 });
  });

  it('gives up when the schedule is spent or three days would pass', () => {
    expect(nextAttempt({ schedule, attempts: 4, elapsedMs: 0, retryAfterMs: null, random: 0.5 })).toEqual({ giveUp: true });
    expect(nextAttempt({ schedule, attempts: 3, elapsedMs: GIVE_UP_AFTER_MS - 1000, retryAfterMs: null, random: 0.5 })).toEqual({ giveUp: true });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
    expect(parseRetryAfter(undefined, 0)).toBeNull();
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });
});
