/** Bump when the feature names or their derivation change: a model is only valid for its spec. */
export const FEATURE_SPEC_VERSION = 1;

export interface HistoryEvent {
  readonly type: string;
  /** ISO-8601 instant. */
  readonly occurredAt: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** The rule ids libs/scoring's fold reported in this event's reasons. */
  readonly ruleIds: readonly string[];
}

export interface LeadHistory {
  readonly events: readonly HistoryEvent[];
  /** The lead's merged traits (companySize, industry, country, jobTitle, ...). */
  readonly traits: Readonly<Record<string, unknown>>;
  /** ISO-8601 instant of the outcome; only events strictly before it count. */
  readonly outcomeAt: string;
}

/**
 * Named features of a lead's history before its outcome: `event:<type>` counts, `rule:<id>` hit
 * counts, and one-hot trait categories `trait:size:<band>`, `trait:industry:<slug>`,
 * `trait:country:<code>`, `trait:seniority:<level>`. Keys come out sorted, so the result is
 * byte-stable. Pure: no clock, no I/O.
 */
export function extractFeatures(history: LeadHistory): Record<string, number> {
  const outcome = Date.parse(history.outcomeAt);
  if (Number.isNaN(outcome)) throw new Error(`extractFeatures: outcomeAt is not an instant: ${history.outcomeAt}`);
  const counts = new Map<string, number>();
  const bump = (name: string): void => { counts.set(name, (counts.get(name) ?? 0) + 1); };
  for (const event of history.events) {
    const at = Date.parse(event.occurredAt);
    if (Number.isNaN(at) || at >= outcome) continue;
    bump(`event:${event.type}`);
    for (const ruleId of event.ruleIds) bump(`rule:${ruleId}`);
  }
  const traits = history.traits;
  counts.set(`trait:size:${sizeBand(traits.companySize)}`, 1);
  counts.set(`trait:industry:${slug(traits.industry)}`, 1);
  counts.set(`trait:country:${slug(traits.country)}`, 1);
  counts.set(`trait:seniority:${seniority(traits.jobTitle)}`, 1);
  const result: Record<string, number> = {};
  for (const name of [...counts.keys()].sort()) result[name] = counts.get(name) as number;
  return result;
}

/** Upper bound (inclusive) of each company size band; above the last, `5001+`. */
export const SIZE_BANDS: readonly [number, string][] = [[10, '1-10'], [50, '11-50'], [200, '51-200'], [1000, '201-1000'], [5000, '1001-5000']];

/** A number, or a string whose first integer is the size ("51-200", "1,000+"). */
export function sizeBand(value: unknown): string {
  const size = typeof value === 'number' ? value : typeof value === 'string' ? Number(/\d[\d,]*/.exec(value)?.[0].replace(/,/g, '') ?? Number.NaN) : Number.NaN;
  if (!Number.isFinite(size) || size < 1) return 'unknown';
  for (const [max, band] of SIZE_BANDS) if (size <= max) return band;
  return '5001+';
}

/** A trait value as a feature name part: lower case, runs of other characters as `_`. */
export function slug(value: unknown): string {
  if (typeof value !== 'string') return 'unknown';
  const text = value.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return text === '' ? 'unknown' : text;
}

// vp before executive: "Vice President" contains "president".
const SENIORITY: readonly [RegExp, string][] = [
  [/\b(vp|svp|evp|vice president)\b/, 'vp'],
  [/\b(ceo|cto|cfo|coo|cmo|cio|ciso|cro|chief|founder|co-founder|cofounder|president|owner|partner)\b/, 'executive'],
  [/\b(director|head of|head)\b/, 'director'],
  [/\b(manager|lead|principal|supervisor)\b/, 'manager'],
];

/** Seniority from a job title: executive, vp, director, manager, individual, or unknown. */
export function seniority(jobTitle: unknown): string {
  if (typeof jobTitle !== 'string' || jobTitle.trim() === '') return 'unknown';
  const title = jobTitle.toLowerCase();
  for (const [pattern, level] of SENIORITY) if (pattern.test(title)) return level;
  return 'individual';
}
