/**
 * A small rule set whose effect a test can compute by hand (the oracle below does not use the
 * engine): fixed points per type, a negative rule for careers pages, one clamp of the sum.
 */
export const SIMPLE_RULES_YAML = `
name: e2e-simple
thresholds: { mql: 50, sql: 100 }
score: { floor: 0, ceiling: 200 }
rules:
  - id: email-open
    when: { type: email_open }
    points: 2
  - id: page-visit
    when: { type: page_visit }
    points: 1
  - id: careers-page
    when:
      type: page_visit
      where: [{ field: properties.url, op: contains, value: /careers }]
    points: -10
  - id: whitepaper
    when: { type: whitepaper_download }
    points: 15
`;

export interface OracleEvent {
  leadId: string;
  type: string;
  properties: { url?: string; [key: string]: unknown };
}

export function simplePoints(event: OracleEvent): number {
  switch (event.type) {
    case 'email_open': return 2;
    case 'whitepaper_download': return 15;
    case 'page_visit': return 1 + (event.properties.url?.includes('/careers') ? -10 : 0);
    default: return 0;
  }
}

/** Expected score and event count per lead, counting each eventId of a lead once. */
export function expectedByLead(events: Array<OracleEvent & { eventId: string }>): Map<string, { score: number; eventCount: number }> {
  const seen = new Set<string>();
  const sums = new Map<string, { sum: number; eventCount: number }>();
  for (const event of events) {
    const key = JSON.stringify([event.leadId, event.eventId]);
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = sums.get(event.leadId) ?? { sum: 0, eventCount: 0 };
    entry.sum += simplePoints(event);
    entry.eventCount += 1;
    sums.set(event.leadId, entry);
  }
  return new Map([...sums].map(([leadId, { sum, eventCount }]) => [leadId, { score: Math.min(200, Math.max(0, sum)), eventCount }]));
}

/** Deterministic event stream: a seeded LCG, so every run sends the same events. */
export function generateEvents(count: number, leads: number, seed = 42): Array<OracleEvent & { eventId: string }> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const urls = ['/pricing', '/blog/a', '/careers/jobs', '/demo', '/careers'];
  const types = ['email_open', 'page_visit', 'page_visit', 'whitepaper_download', 'email_click'];
  return Array.from({ length: count }, (_, i) => {
    const type = types[Math.floor(next() * types.length)];
    return {
      eventId: `evt-${seed}-${i}`,
      leadId: `lead-${Math.floor(next() * leads)}`,
      type,
      properties: type === 'page_visit' ? { url: urls[Math.floor(next() * urls.length)] } : {},
    };
  });
}
