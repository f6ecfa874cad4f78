/**
 * Demo data for docs/learned-scoring.md and the README: leads of November 2026 whose outcome
 * follows hidden weights that the shipped rules only half know (a student or a job seeker reading
 * the careers page rarely buys; a mid-size software company often does). Writes, seeded:
 *   events.jsonl    native events for `leadscore send` (identify with traits, visits, emails, forms)
 *   outcomes.jsonl  {"leadId", "action", "truth"} for POST /v1/leads/{id}/feedback (won, or disqualify);
 *                   truth = the hidden probability, the best any model could predict
 *
 *   npm run build && node dist/bench/learned-scoring-data.js <dir>     (LEADS=3000, OPEN=50)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seeded } from './seeded';

const LEADS = Number(process.env.LEADS ?? 3000);
const OPEN = Number(process.env.OPEN ?? 50);
const dir = process.argv[2] ?? '.';
const random = seeded(2026);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const count = (max: number): number => Math.floor(random() * (max + 1));

const TITLES = ['CEO', 'VP Marketing', 'Head of Sales', 'Director of IT', 'Marketing Manager', 'Software Engineer', 'Analyst', 'Student', 'Intern'];
const SIZES = [5, 15, 40, 120, 350, 800, 2500, 12000];
const COUNTRIES = ['FR', 'DE', 'US', 'GB', 'BR', 'IN'];
const INDUSTRIES = ['Software', 'Retail', 'Manufacturing', 'Education', 'Finance'];
const START = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;

const events: string[] = [];
const outcomes: string[] = [];
let won = 0;
for (let i = 0; i < LEADS + OPEN; i++) {
  const leadId = `demo-${String(i).padStart(5, '0')}`;
  const title = pick(TITLES);
  const size = pick(SIZES);
  const country = pick(COUNTRIES);
  const industry = pick(INDUSTRIES);
  const free = random() < 0.25;
  const did = {
    pricing: count(3), demoPage: count(1), demoForm: random() < 0.2 ? 1 : 0, careers: random() < 0.25 ? count(2) : 0, opens: count(6), clicks: count(2),
    whitepaper: count(1), webinar: random() < 0.2 ? 1 : 0, visits: count(5),
  };
  let at = START + Math.floor(random() * 20 * 24) * HOUR;
  const push = (type: string, extra: Record<string, unknown> = {}): void => {
    at += 1 + Math.floor(random() * 12 * HOUR);
    events.push(JSON.stringify({ leadId, type, occurredAt: new Date(at).toISOString(), ...extra }));
  };
  push('identify', { traits: { email: `${leadId}@${free ? 'gmail.com' : 'acme.test'}`, jobTitle: title, companySize: size, country, industry } });
  const visit = (url: string) => push('page_visit', { properties: { url } });
  for (let k = 0; k < did.visits; k++) visit('/blog');
  for (let k = 0; k < did.pricing; k++) visit('/pricing');
  for (let k = 0; k < did.demoPage; k++) visit('/demo');
  for (let k = 0; k < did.careers; k++) visit('/careers');
  for (let k = 0; k < did.opens; k++) push('email_open');
  for (let k = 0; k < did.clicks; k++) push('email_click');
  for (let k = 0; k < did.whitepaper; k++) push('whitepaper_download');
  for (let k = 0; k < did.webinar; k++) push('webinar_registration');
  if (did.demoForm) push('form_submit', { properties: { form: 'demo' } });
  if (i >= LEADS) continue;
  // The hidden truth: what makes these leads buy.
  const senior = /CEO|VP|Head|Director/.test(title);
  const z = -2.6 + 1.6 * did.demoForm + 0.45 * did.pricing + 0.5 * did.webinar + 0.3 * did.clicks + 0.02 * did.opens - 1.1 * did.careers
    + (senior ? 0.9 : 0) + (/Student|Intern/.test(title) ? -1.6 : 0) + (size >= 100 && size < 3000 ? 0.7 : 0) + (industry === 'Software' ? 0.5 : 0)
    + (country === 'BR' || country === 'IN' ? -0.7 : 0) + (free ? -0.4 : 0);
  const truth = 1 / (1 + Math.exp(-z));
  const isWon = random() < truth;
  if (isWon) won++;
  outcomes.push(JSON.stringify({ leadId, action: isWon ? 'won' : 'disqualify', truth: Math.round(truth * 1e6) / 1e6 }));
}
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'events.jsonl'), `${events.join('\n')}\n`);
writeFileSync(join(dir, 'outcomes.jsonl'), `${outcomes.join('\n')}\n`);
console.log(JSON.stringify({ leads: LEADS + OPEN, events: events.length, outcomes: { won, lost: LEADS - won } }));
