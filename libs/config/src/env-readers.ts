import { ConfigError } from './config-error';

export type Env = Readonly<Record<string, string | undefined>>;

export function readString(env: Env, name: string, fallback?: string): string {
  const value = env[name]?.trim();
  if (value) return value;
  if (fallback !== undefined) return fallback;
  throw new ConfigError(name, 'a non-empty string', env[name]);
}

export function readInt(env: Env, name: string, fallback: number, range: { min: number; max: number }): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(name, `an integer from ${range.min} to ${range.max}`, raw);
  }
  return value;
}

export function readPort(env: Env, name: string, fallback: number): number {
  return readInt(env, name, fallback, { min: 1, max: 65535 });
}

export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, 'true or false', env[name]);
}

export function readList(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  return raw.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

export function readUrl(env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name]?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `a URL (${protocols.join(' or ')})`, raw);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(name, `a URL (${protocols.join(' or ')})`, raw);
  return raw;
}

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `500ms`, `5s`, `5m`, `2h`, `3d` to milliseconds. */
export function parseDurationMs(text: string): number | null {
  const match = DURATION.exec(text.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]] : null;
}

export function readDurationList(env: Env, name: string, fallback: number[]): number[] {
  const items = readList(env, name, []);
  if (items.length === 0) return fallback;
  return items.map((item) => {
    const ms = parseDurationMs(item);
    if (ms === null) throw new ConfigError(name, 'comma-separated durations such as 5s,5m,2h', env[name]);
    return ms;
  });
}

/** One duration (`7d`, `12h`) in milliseconds, within bounds, else the variable names itself. */
export function readDurationMs(env: Env, name: string, fallbackMs: number, range: { min: number; max: number }): number {
  const raw = env[name]?.trim();
  if (!raw) return fallbackMs;
  const ms = parseDurationMs(raw);
  if (ms === null || ms < range.min || ms > range.max) throw new ConfigError(name, `a duration such as 7d or 12h, from ${formatDuration(range.min)} to ${formatDuration(range.max)}`, raw);
  return ms;
}

/** The largest unit that divides `ms` evenly: 3_600_000 → `1h`, 1500 → `1500ms`. */
export function formatDuration(ms: number): string {
  const [unit, size] = Object.entries(UNIT_MS).filter(([, size]) => ms % size === 0).sort((a, b) => b[1] - a[1])[0];
  return `${ms / size}${unit}`;
}
