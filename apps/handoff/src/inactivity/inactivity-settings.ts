import { ConfigError, parseDurationMs, type Env } from '@leadscore/config';

export interface InactivitySettings {
  /** A lead whose last activity is older than this gets a daily inactivity_tick. */
  afterMs: number;
  /** How often the leader scans. */
  everyMs: number;
}

/** `INACTIVITY_AFTER` (default 14d) and `INACTIVITY_SCAN_EVERY` (default 1h), read once at start-up. */
export function readInactivitySettings(env: Env = process.env): InactivitySettings {
  return { afterMs: duration(env, 'INACTIVITY_AFTER', '14d'), everyMs: duration(env, 'INACTIVITY_SCAN_EVERY', '1h') };
}

function duration(env: Env, name: string, fallback: string): number {
  const raw = env[name]?.trim() || fallback;
  const ms = parseDurationMs(raw);
  if (ms === null || ms <= 0) throw new ConfigError(name, 'a duration such as 14d, 12h, 30m', env[name]);
  return ms;
}
