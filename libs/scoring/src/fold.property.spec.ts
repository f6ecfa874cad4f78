import { reservedProducerOf } from '@leadscore/contracts';
import fc from 'fast-check';
import { toCents } from './cents';
import { compileRuleSet, type CompiledRuleSet } from './compile-rule-set';
import { fold, foldBatch } from './fold';
import { type FoldResult } from './fold-result';
import { initialLeadState, type LeadState } from './lead-state';
import { parseDuration } from './duration';
import { windowStart } from './limit-window';
import { type RuleDefinition } from './rule-set.definition';
import { type ScoringEvent } from './scoring-event';
import { DAY, T0 } from './testing/scoring.fixtures';
import { validateRuleSet } from './validate-rule-set';

const SETTINGS = { seed: 20260105, numRuns: 250 };
const TYPES = ['email_open', 'page_visit', 'whitepaper_download', 'identify', 'inactivity_tick', 'sales_feedback', 'app_login'];
const ACTIONS = ['contacted', 'accept', 'reject', 'opportunity', 'won', 'lost', 'disqualify', 'call'];

const engagementRule = fc.record({
  type: fc.constantFrom('email_open', 'page_visit', 'whitepaper_download', 'inactivity_tick'),
  points: fc.integer({ min: -2000, max: 3000 }).map((cents) => cents / 100),
  limit: fc.option(fc.record({ count: fc.integer({ min: 1, max: 3 }), per: fc.constantFrom('15m', '1h', '1d', '7d', 'ever') }), { nil: undefined }),
  timing: fc.constantFrom<Partial<RuleDefinition>>({}, { expiresAfter: '1h' }, { expiresAfter: '3d' }, { decay: { halfLife: '1h' } }, { decay: { halfLife: '2d' } }),
  group: fc.constantFrom('a', 'b', 'c'),
  pricing: fc.boolean(),
});

const ruleSetArbitrary = fc
  .record({
    engagement: fc.array(engagementRule, { minLength: 1, maxLength: 6 }),
    fitPoints: fc.array(fc.integer({ min: -10, max: 40 }), { minLength: 0, maxLength: 3 }),
    caps: fc.record({ a: fc.option(fc.integer({ min: 0, max: 60 })), fit: fc.option(fc.integer({ min: 0, max: 50 })) }),
    bounds: fc.constantFrom({}, { floor: 0 }, { floor: 0, ceiling: 150 }, { floor: -20, ceiling: 400 }),
    sqlMinFit: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  })
  .map(({ engagement, fitPoints, caps, bounds, sqlMinFit }) => {
    const rules = [
      ...engagement.map(({ type, points, limit, timing, group, pricing }, i) => ({
        id: `e${i}`,
        when: { type, where: pricing ? [{ field: 'properties.url', op: 'contains', value: '/pricing' }] : [] },
        points,
        ...(limit ? { limit } : {}),
        ...timing,
        group,
      })),
      ...fitPoints.map((points, i) => ({ id: `f${i}`, kind: 'fit', when: { where: [{ field: `traits.t${i}`, op: 'eq', value: true }] }, points })),
    ];
    const groups = new Set<string>(rules.map((rule) => ('group' in rule ? rule.group : 'fit')));
    const groupCaps = Object.fromEntries(Object.entries(caps).filter(([group, cap]) => cap !== null && groups.has(group)));
    const definition = { name: 'generated', thresholds: { mql: 50, sql: 100, ...(sqlMinFit === undefined ? {} : { sqlMinFit }) }, score: bounds, rules, groupCaps };
    const validated = validateRuleSet(definition);
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    return compileRuleSet(validated.definition, 1);
  });

const eventsArbitrary = fc.array(
  fc.record({
    type: fc.constantFrom(...TYPES),
    step: fc.integer({ min: -2 * DAY, max: 3 * DAY }),
    url: fc.constantFrom('/', '/pricing', '/careers'),
    traits: fc.dictionary(fc.constantFrom('t0', 't1', 't2'), fc.boolean()),
    action: fc.constantFrom(...ACTIONS),
  }),
  { maxLength: 60 },
).map((drafts) => {
  let clock = T0;
  return drafts.map(({ type, step, url, traits, action }, i): ScoringEvent => {
    clock += step;
    return {
      eventId: `e${i}`,
      leadId: 'lead-1',
      type,
      occurredAt: clock,
      source: null,
      properties: type === 'sales_feedback' ? { action } : { url },
      traits: type === 'identify' ? traits : null,
      producer: reservedProducerOf(type) ?? 'public',
    };
  });
});

function oneByOne(events: readonly ScoringEvent[], ruleSet: CompiledRuleSet): { state: LeadState; results: FoldResult[] } {
  let state = initialLeadState('lead-1');
  const results = events.map((event) => {
    const result = fold(state, event, ruleSet);
    state = result.state;
    return result;
  });
  return { state, results };
}

/** What a result says, without the (per-batch shared) ledger. */
function outcome({ state: { ledger: _ledger, ...lead }, ...rest }: FoldResult) {
  return { lead, ...rest };
}

describe('fold properties', () => {
  it('gives the same lead and results for the same events (determinism)', () => {
    fc.assert(
      fc.property(ruleSetArbitrary, eventsArbitrary, (ruleSet, events) => {
        expect(oneByOne(events, ruleSet)).toEqual(oneByOne(events, ruleSet));
      }),
      SETTINGS,
    );
  });

  it('gives the same lead however the events are cut into batches', () => {
    const cuts = fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 30 });
    fc.assert(
      fc.property(ruleSetArbitrary, eventsArbitrary, cuts, (ruleSet, events, sizes) => {
        const expected = oneByOne(events, ruleSet);
        let state = initialLeadState('lead-1');
        const results: FoldResult[] = [];
        for (let start = 0, k = 0; start < events.length; k++) {
          const size = sizes.length === 0 ? events.length : sizes[k % sizes.length];
          const batch = foldBatch(state, events.slice(start, start + size), ruleSet);
          state = batch.state;
          results.push(...batch.results);
          start += size;
        }
        expect(state).toEqual(expected.state);
        expect(results.map(outcome)).toEqual(expected.results.map(outcome));
      }),
      SETTINGS,
    );
  });

  it('goes on the same after the lead is stored as JSON between batches', () => {
    fc.assert(
      fc.property(ruleSetArbitrary, eventsArbitrary, fc.nat(), (ruleSet, events, at) => {
        const cut = events.length === 0 ? 0 : at % events.length;
        const first = foldBatch(initialLeadState('lead-1'), events.slice(0, cut), ruleSet).state;
        const stored = JSON.parse(JSON.stringify(first)) as LeadState;
        expect(foldBatch(stored, events.slice(cut), ruleSet).state).toEqual(oneByOne(events, ruleSet).state);
      }),
      SETTINGS,
    );
  });

  it('never fires a rule more often than its limit in any window', () => {
    fc.assert(
      fc.property(ruleSetArbitrary, eventsArbitrary, (ruleSet, events) => {
        const fired = new Map<string, number>();
        oneByOne(events, ruleSet).results.forEach((result, i) => {
          for (const reason of result.reasons) {
            const limit = ruleSet.definition.rules.find((rule) => rule.id === reason.ruleId)?.limit;
            if (!limit || reason.limited) continue;
            const perMs = limit.per === 'ever' ? 0 : parseDuration(limit.per)!;
            const key = `${reason.ruleId}@${windowStart(events[i].occurredAt, perMs)}`;
            fired.set(key, (fired.get(key) ?? 0) + 1);
            expect(fired.get(key)).toBeLessThanOrEqual(limit.count);
          }
        });
      }),
      SETTINGS,
    );
  });

  it('keeps the score within floor and ceiling, equal to fit + engagement clamped', () => {
    fc.assert(
      fc.property(ruleSetArbitrary, eventsArbitrary, (ruleSet, events) => {
        for (const { state } of oneByOne(events, ruleSet).results) {
          const unclamped = toCents(state.fitScore) + toCents(state.engagementScore);
          const clamped = Math.min(ruleSet.ceilingCents, Math.max(ruleSet.floorCents, unclamped));
          expect(toCents(state.score)).toBe(clamped);
          expect(state.score).toBe(clamped / 100);
        }
      }),
      SETTINGS,
    );
  });

  it('does not mutate the lead it is given', () => {
    fc.assert(
      fc.property(ruleSetArbitrary, eventsArbitrary, (ruleSet, events) => {
        let state = initialLeadState('lead-1');
        for (const event of events) {
          const snapshot = JSON.stringify(state);
          const next = fold(state, event, ruleSet).state;
          expect(JSON.stringify(state)).toBe(snapshot);
          state = next;
        }
      }),
      SETTINGS,
    );
  });

  it('promotes only along with a change to that stage, and by score only upwards', () => {
    const upward: Record<string, string[]> = { new: ['mql', 'sql'], mql: ['sql'], contacted: ['sql'], nurture: ['mql', 'sql'] };
    fc.assert(
      fc.property(ruleSetArbitrary, eventsArbitrary, (ruleSet, events) => {
        for (const { promotion, stageChange } of oneByOne(events, ruleSet).results) {
          if (promotion !== null) expect(stageChange?.to).toBe(promotion);
          if (stageChange?.cause === 'score') expect(upward[stageChange.from]).toContain(stageChange.to);
        }
      }),
      SETTINGS,
    );
  });
});
