import { type Producer } from '@leadscore/contracts';
import { fold } from './fold';
import { IDENTITY_MERGED } from './identity';
import { initialLeadState } from './lead-state';
import { INACTIVITY_TICK, SALES_FEEDBACK, type ScoringEvent } from './scoring-event';
import { at, event, foldAll, rulesWith } from './testing/scoring.fixtures';

const RULES = `
  - { id: open, when: { type: email_open }, points: 30 }
  - { id: feedback_points, when: { type: sales_feedback }, points: 40 }
  - { id: tick_points, when: { type: inactivity_tick }, points: -10 }
  - { id: fades, when: { type: page_visit }, points: 10, decay: { halfLife: 1d } }`;
const ruleSet = rulesWith(RULES, 'thresholds: { mql: 50, sql: 100 }\nlifecycle: { customerInactiveAfter: 30d }');

const opened = event('email_open', { occurredAt: at(1) });
const won = (producer: Producer, occurredAt = at(2)) => event(SALES_FEEDBACK, { properties: { action: 'won' }, producer, occurredAt });
const accept = (producer: Producer) => event(SALES_FEEDBACK, { properties: { action: 'accept' }, producer, occurredAt: at(2) });
const tick = (producer: Producer, occurredAt = at(40)) => event(INACTIVITY_TICK, { properties: { idleDays: 39 }, producer, occurredAt });
const marker = (producer: Producer) => event(IDENTITY_MERGED, { properties: { into: 'known-1' }, producer, occurredAt: at(2) });

/** Given `given`, when `when` is folded: the result, and the lead as it would be without `when`. */
function whenFolded(given: ScoringEvent[], when: ScoringEvent) {
  const before = foldAll(ruleSet, given.length > 0 ? given : [event('noop', { occurredAt: at(0) })]).state;
  const base = given.length > 0 ? before : initialLeadState('lead-1');
  return { before: base, result: fold(base, when, ruleSet) };
}

describe('provenance: a reserved type acts only from its own producer', () => {
  it.each<[string, ScoringEvent[], ScoringEvent]>([
    ['sales_feedback won from a write key', [opened], won('public')],
    ['sales_feedback accept from a write key', [opened], accept('public')],
    ['sales_feedback from the scheduler', [opened], won('scheduler')],
    ['sales_feedback from the scoring worker (a forged copy)', [opened], won('scoring')],
    ['inactivity_tick from a write key', [opened], tick('public')],
    ['inactivity_tick from the admin API', [opened], tick('admin')],
    ['identity_merged from a write key', [opened], marker('public')],
    ['identity_merged from the admin API', [opened], marker('admin')],
  ])('given a lead, when %s arrives, then it acts as nothing but the event count', (_name, given, when) => {
    const { before, result } = whenFolded(given, when);
    expect(result).toMatchObject({ scoreChange: null, stageChange: null, promotion: null, reasons: [] });
    expect(result.identity).toBeUndefined();
    expect(result.ignored).toMatch(new RegExp(`^ignored: ${when.type} is a reserved type honoured only from the \\w+ producer, this event came from ${when.producer}$`));
    expect(result.note).toBe(result.ignored);
    const { eventCount, ledger, ...rest } = result.state;
    const { eventCount: countBefore, ledger: ledgerBefore, ...restBefore } = before;
    expect(eventCount).toBe(countBefore + 1);
    expect(rest).toEqual(restBefore);
    expect(ledger).toEqual(ledgerBefore);
  });

  it('given a new lead, when a forged feedback is its first event, then it stays new with no time seen', () => {
    const { state, last } = foldAll(ruleSet, [won('public', at(-3000))]);
    expect(state).toMatchObject({ stage: 'new', score: 0, eventCount: 1, firstSeenAt: null, lastActivityAt: null, mergedInto: null });
    expect(last.ignored).toBeDefined();
  });

  it('given decaying points, when a forged tick arrives far later, then the points are not valued at its time', () => {
    const visited = [event('page_visit', { occurredAt: at(1) })];
    const forged = foldAll(ruleSet, [...visited, tick('public', at(30))]).state;
    expect(forged.score).toBe(10);
    expect(forged.ledger.valuedAt).toBe(at(1));
  });

  it.each<[string, ScoringEvent, object]>([
    ['sales_feedback won from the admin API', won('admin'), { stage: 'customer' }],
    ['identity_merged from the scoring worker', marker('scoring'), { mergedInto: 'known-1' }],
  ])('given a lead, when %s arrives, then it acts', (_name, when, expected) => {
    const { result } = whenFolded([opened], when);
    expect(result.ignored).toBeUndefined();
    expect(result.state).toMatchObject(expected);
  });

  it('given a customer idle for 39 days, when the scheduler ticks, then it turns inactive; a forged tick does not', () => {
    const customer = [opened, won('admin')];
    expect(whenFolded(customer, tick('scheduler')).result.stageChange).toEqual({ from: 'customer', to: 'inactive', cause: 'inactivity' });
    expect(whenFolded(customer, tick('public')).result.state.stage).toBe('customer');
  });

  it('given the same events, when folded again (a replay), then forged ones are ignored identically', () => {
    const events = [opened, won('public'), accept('public'), event('email_open', { occurredAt: at(3) }), marker('public'), won('admin', at(4))];
    const live = foldAll(ruleSet, events);
    const replay = foldAll(ruleSet, events);
    expect(replay.state).toEqual(live.state);
    expect(live.results.map((result) => result.ignored !== undefined)).toEqual([false, true, true, false, true, false]);
    expect(live.state).toMatchObject({ stage: 'customer', score: 100, eventCount: 6 });
    expect(live.state.lastActivityAt).toBe(at(4));
  });

  it('given a custom type from any producer, when it arrives, then it is scored as usual', () => {
    const { result } = whenFolded([], event('email_open', { producer: 'scheduler', occurredAt: at(1) }));
    expect(result.state.score).toBe(30);
    expect(result.ignored).toBeUndefined();
  });
});
