import { type NewEvent } from '@leadscore/persistence';

/** mulberry32: the same leads on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const TITLES = ['CEO', 'VP Sales', 'Head of Marketing', 'Product Manager', 'Software Engineer', 'Chief Revenue Officer', 'Analyst'];
const COUNTRIES = ['FR', 'DE', 'US'];

/**
 * The rule set ops run: visits, pricing and a demo request count; who the lead is does not, and a
 * careers visit (a job seeker) earns points. A demo request makes an MQL (50).
 */
export const OPS_RULES = `name: ops
thresholds: { mql: 50, sql: 100 }
rules:
  - { id: visit, when: { type: page_visit }, points: 2 }
  - { id: pricing, when: { type: pricing_visit }, points: 10, limit: { count: 1, per: ever } }
  - { id: demo, when: { type: demo_request }, points: 50 }
  - { id: careers, when: { type: careers_visit }, points: 5 }
`;

export interface SyntheticLeads {
  events: NewEvent[];
  outcomes: { won: number; lost: number };
  openLeadIds: string[];
}

/**
 * `count` leads drawn from known weights (executives and demo requests win, careers visits lose),
 * starting at `start`, one an hour; each gets an outcome (won; lost after an MQL, else disqualified)
 * a day after its last event — except `open` more leads that have none.
 */
export function syntheticOutcomes(options: { prefix: string; count: number; open: number; start: number; seed: number }): SyntheticLeads {
  const random = seeded(options.seed);
  const int = (max: number): number => Math.floor(random() * (max + 1));
  const events: NewEvent[] = [];
  const outcomes = { won: 0, lost: 0 };
  const openLeadIds: string[] = [];
  let n = 0;
  for (let i = 0; i < options.count + options.open; i++) {
    const leadId = `${options.prefix}-${String(i).padStart(4, '0')}`;
    const title = TITLES[int(TITLES.length - 1)];
    const counts = { page_visit: int(6), pricing_visit: int(3), demo_request: random() < 0.3 ? 1 : 0, careers_visit: int(2) };
    let t = options.start + i * HOUR;
    const push = (type: string, fields: Partial<NewEvent> = {}): void => {
      n += 1;
      t += 60_000;
      events.push({ eventId: `${options.prefix}-${n}`, leadId, type, occurredAt: new Date(t), receivedAt: new Date(t), source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public', ...fields });
    };
    push('identify', { traits: { jobTitle: title, country: COUNTRIES[int(2)] } });
    for (const [type, times] of Object.entries(counts)) for (let k = 0; k < times; k++) push(type);
    if (i >= options.count) {
      openLeadIds.push(leadId);
      continue;
    }
    const executive = title === 'CEO' || title === 'Chief Revenue Officer';
    const z = -1.6 + 2.2 * counts.demo_request + 0.5 * counts.pricing_visit + 1.8 * (executive ? 1 : 0) - 0.8 * counts.careers_visit;
    const won = random() < 1 / (1 + Math.exp(-z));
    const action = won ? 'won' : counts.demo_request > 0 ? 'lost' : 'disqualify';
    t += 24 * HOUR;
    push('sales_feedback', { eventId: `feedback:${options.prefix}-${n + 1}`, properties: { action, by: 'sales' }, producer: 'admin' });
    outcomes[won ? 'won' : 'lost'] += 1;
  }
  return { events, outcomes, openLeadIds };
}
