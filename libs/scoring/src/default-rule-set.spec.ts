import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRuleSet, type CompiledRuleSet } from './compile-rule-set';
import { type ScoringEvent } from './scoring-event';
import { parseRuleSet } from './parse-rule-set';
import { type Promotion, type Stage } from './stage';
import { at, event, feedback, foldAll, identify } from './testing/scoring.fixtures';

const TEXT = readFileSync(join(__dirname, '..', '..', '..', 'rules', 'default.yaml'), 'utf8');

function defaultRuleSet(): CompiledRuleSet {
  const parsed = parseRuleSet(TEXT);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compileRuleSet(parsed.definition, 1);
}

const visit = (path: string, day: number, hour: number) =>
  event('page_visit', { occurredAt: at(day, hour), properties: { url: `https://leadscore.example${path}` } });

describe('rules/default.yaml', () => {
  it('parses, with MQL at 50, SQL at 100 and every rule commented', () => {
    const parsed = parseRuleSet(TEXT);
    expect(parsed).toMatchObject({ ok: true, definition: { name: 'default', thresholds: { mql: 50, sql: 100 } } });
    if (!parsed.ok) return;
    for (const rule of parsed.definition.rules) expect(TEXT).toMatch(new RegExp(`#[^\\n]*\\n(  #[^\\n]*\\n)*  - id: ${rule.id}\\n`));
  });

  // Claire, VP Marketing at a 500-person French company, from a blog post to a signed deal.
  const journey: Array<[string, ScoringEvent, number, Stage, Promotion | null]> = [
    ['reads a blog post', visit('/blog/lead-scoring', 0, 9), 1, 'new', null],
    ['identifies herself (fit 20 + 15 + 10)', identify({ email: 'claire@acme.fr', jobTitle: 'VP Marketing', companySize: 500, country: 'FR' }, at(0, 10)), 46, 'new', null],
    ['opens a newsletter', event('email_open', { occurredAt: at(1, 10) }), 46.98, 'new', null],
    ['clicks in it: 50 minus a day of decay', event('email_click', { occurredAt: at(1, 11) }), 49.97, 'new', null],
    ['looks at pricing: MQL', visit('/pricing', 2, 14), 60.85, 'mql', 'mql'],
    ['downloads a white paper', event('whitepaper_download', { occurredAt: at(3, 9) }), 75.56, 'mql', null],
    ['registers for a webinar', event('webinar_registration', { occurredAt: at(5, 9) }), 94.86, 'mql', null],
    ['glances at the careers page: minus 10, still an MQL', visit('/careers', 6, 9), 85.52, 'mql', null],
    ['asks for a demo (intent capped at 40): SQL', event('form_submit', { occurredAt: at(8, 9), properties: { form: 'demo_request' } }), 126.07, 'sql', 'sql'],
    ['is marked contacted, which an SQL is already past', feedback('contacted', at(9, 9)), 125.93, 'sql', null],
    ['becomes an opportunity', feedback('opportunity', at(10, 9)), 125.8, 'opportunity', null],
    ['signs', feedback('won', at(30, 9)), 119.94, 'customer', null],
    ['goes quiet: the inactivity rule takes 5 a week', event('inactivity_tick', { occurredAt: at(209) }), 54.08, 'customer', null],
    ['is dormant after 180 days', event('inactivity_tick', { occurredAt: at(211) }), 48.99, 'inactive', null],
  ];

  it.each(journey.map((step, i) => [i + 1, ...step] as const))('step %d: the lead %s → score %d, %s', (i, _when, _event, score, stage, promotion) => {
    const { last } = foldAll(defaultRuleSet(), journey.slice(0, i).map(([, e]) => e));
    expect([last.state.score, last.state.stage, last.promotion]).toEqual([score, stage, promotion]);
  });

  it('grades Claire A', () => {
    expect(foldAll(defaultRuleSet(), [journey[1][1]]).state.grade).toBe('A');
  });

  it('never makes an MQL of email alone (the email group is capped at 25)', () => {
    const events = Array.from({ length: 60 }, (_, day) => [
      event('email_open', { occurredAt: at(day, 8) }),
      event('email_click', { occurredAt: at(day, 9) }),
    ]).flat();
    const { state } = foldAll(defaultRuleSet(), events);
    expect(state).toMatchObject({ engagementScore: 25, stage: 'new' });
  });

  it('keeps a job-seeking student at the floor', () => {
    const events = [identify({ jobTitle: 'Student', email: 'sam@gmail.com', country: 'BR' }), visit('/careers', 0, 1), visit('/jobs/backend', 0, 2)];
    const { state } = foldAll(defaultRuleSet(), events);
    expect(state).toMatchObject({ score: 0, fitScore: -20, grade: 'D', stage: 'new' });
  });
});
