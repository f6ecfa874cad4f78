import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRuleSet, type CompiledRuleSet } from './compile-rule-set';
import { foldBatch } from './fold';
import { initialLeadState, type LeadState } from './lead-state';
import { leadStateJson } from './lead-state-json';
import { parseRuleSet } from './parse-rule-set';
import { type ScoringEvent } from './scoring-event';

function defaultRuleSet(version: number): CompiledRuleSet {
  const parsed = parseRuleSet(readFileSync(join(__dirname, '..', '..', '..', 'rules', 'default.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compileRuleSet(parsed.definition, version);
}

const RULES = [defaultRuleSet(1), defaultRuleSet(2)];
const T0 = Date.UTC(2026, 0, 5);
const TRICKY = 'tab\t "quote" back\\slash \u2028 ünï 😀 \u0001';

const eventArbitrary = fc.record({
  type: fc.constantFrom('page_visit', 'email_open', 'email_click', 'whitepaper_download', 'form_submit', 'identify', 'inactivity_tick', 'sales_feedback', 'identity_merged'),
  hours: fc.integer({ min: -48, max: 24 * 40 }),
  url: fc.constantFrom('/pricing', '/demo', '/careers', TRICKY),
  action: fc.constantFrom('contacted', 'accept', 'opportunity', 'won', 'lost'),
  traits: fc.constantFrom<Record<string, unknown>>({ jobTitle: 'VP Marketing', companySize: 1200 }, { country: 'FR', note: TRICKY }, { ['__proto__']: 'x', email: 'a@gmail.com' }),
  source: fc.constantFrom(null, 'ads', TRICKY),
});

type Drawn = typeof eventArbitrary extends fc.Arbitrary<infer T> ? T : never;

const toEvent = (leadId: string, n: number, drawn: Drawn): ScoringEvent => ({
  eventId: `e${n}`, leadId, type: drawn.type, occurredAt: T0 + drawn.hours * 3_600_000, source: drawn.source,
  producer: drawn.type === 'inactivity_tick' ? 'scheduler' : drawn.type === 'identity_merged' || drawn.type === 'sales_feedback' ? 'admin' : 'public',
  properties: drawn.type === 'identity_merged' ? { into: 'lead-known' } : { url: drawn.url, action: drawn.action, amount: 1200.5 },
  traits: drawn.type === 'identify' ? drawn.traits : null,
});

describe('leadStateJson', () => {
  it('writes the same JSON value as JSON.stringify, batch after batch, for kept states and states read back from JSON', () => {
    fc.assert(fc.property(fc.array(fc.array(eventArbitrary, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }), fc.boolean(), (batches, decode) => {
      let state: LeadState = initialLeadState(`lead-${TRICKY}`);
      let n = 0;
      batches.forEach((batch, b) => {
        const before = decode ? (JSON.parse(JSON.stringify(state)) as LeadState) : state;
        state = foldBatch(before, batch.map((drawn) => toEvent(state.leadId, n++, drawn)), RULES[b % 3 === 2 ? 1 : 0]).state;
        expect(JSON.parse(leadStateJson(state))).toEqual(JSON.parse(JSON.stringify(state)));
      });
    }), { seed: 20261207, numRuns: 200 });
  });

  it('writes a state stored before later fields existed with their defaults, as the fold reads them', () => {
    const old = JSON.parse(JSON.stringify(initialLeadState('old'))) as Record<string, unknown> & { ledger: Record<string, unknown> };
    delete old.ledger.belowMqlSinceNurture;
    const folded = foldBatch(old as unknown as LeadState, [], RULES[0]).state;
    expect(JSON.parse(leadStateJson(folded))).toMatchObject({ ledger: { belowMqlSinceNurture: false, peakScore: 0 }, mergedInto: null });
  });
});
