const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
const DURATION = /^([1-9][0-9]{0,5})([dhm])$/;

export const DAY_MS = UNIT_MS.d;

/** `30d`, `12h`, `15m` → milliseconds; null when the text is not such a duration. */
export function parseDuration(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = DURATION.exec(text);
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
