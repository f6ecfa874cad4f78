import { fold } from './fold';
import { IDENTITY_MERGED, linkedIdOf, mergeTargetOf } from './identity';
import { initialLeadState } from './lead-state';
import { at, event, foldAll, rulesWith } from './testing/scoring.fixtures';

const RULES = `
  - { id: open, when: { type: email_open }, points: 15 }
  - { id: visit, when: { type: page_visit }, points: 5 }`;

const merged = (into: unknown, occurredAt = at(2)) => event(IDENTITY_MERGED, { properties: { into }, occurredAt });

describe('linkedIdOf', () => {
  it('reads previousId on alias and anonymousId on identify', () => {
    expect(linkedIdOf({ leadId: 'x', type: 'alias', properties: { previousId: 'anon-1' } })).toBe('anon-1');
    expect(linkedIdOf({ leadId: 'x', type: 'identify', properties: { anonymousId: 'anon-1' } })).toBe('anon-1');
  });

  it('links nothing for other types, missing or empty ids, or the lead itself', () => {
    expect(linkedIdOf({ leadId: 'x', type: 'page_visit', properties: { previousId: 'anon-1' } })).toBeNull();
    expect(linkedIdOf({ leadId: 'x', type: 'alias', properties: {} })).toBeNull();
    expect(linkedIdOf({ leadId: 'x', type: 'alias', properties: { previousId: 7 } })).toBeNull();
    expect(linkedIdOf({ leadId: 'x', type: 'identify', properties: { anonymousId: '' } })).toBeNull();
    expect(linkedIdOf({ leadId: 'x', type: 'alias', properties: { previousId: 'x' } })).toBeNull();
  });
});

describe('mergeTargetOf', () => {
  it('reads properties.into of an identity_merged event only', () => {
    expect(mergeTargetOf({ leadId: 'a', type: IDENTITY_MERGED, properties: { into: 'x' } })).toBe('x');
    expect(mergeTargetOf({ leadId: 'a', type: 'alias', properties: { into: 'x' } })).toBeNull();
    expect(mergeTargetOf({ leadId: 'a', type: IDENTITY_MERGED, properties: { into: 'a' } })).toBeNull();
  });
});

describe('a lead merged into another', () => {
  const ruleSet = rulesWith(RULES);

  it('keeps what it had at the merge and says where it went', () => {
    const { state, results } = foldAll(ruleSet, [event('email_open', { occurredAt: at(1) }), merged('known-1')]);
    expect(state).toMatchObject({ score: 15, eventCount: 2, mergedInto: 'known-1' });
    expect(results[1]).toMatchObject({ scoreChange: null, stageChange: null, promotion: null, reasons: [], identity: { mergedInto: 'known-1' } });
  });

  it('changes nothing but the event count for later events, and forwards each of them', () => {
    const { state, results } = foldAll(ruleSet, [merged('known-1'), event('email_open', { occurredAt: at(3) }), event('page_visit', { occurredAt: at(4) })]);
    expect(state).toMatchObject({ score: 0, eventCount: 3, lastActivityAt: null, mergedInto: 'known-1' });
    expect(results.slice(1).map((result) => result.identity)).toEqual([{ forwardTo: 'known-1' }, { forwardTo: 'known-1' }]);
  });

  it('never merges twice: the first merge wins', () => {
    const { state, results } = foldAll(ruleSet, [merged('known-1'), merged('known-2', at(3))]);
    expect(state.mergedInto).toBe('known-1');
    expect(results[1].identity).toEqual({ forwardTo: 'known-1' });
  });

  it('ignores a marker without a valid target, and goes on scoring', () => {
    const { state, results } = foldAll(ruleSet, [merged(42), event('email_open', { occurredAt: at(3) })]);
    expect(state).toMatchObject({ score: 15, mergedInto: null });
    expect(results[0].note).toMatch(/ignored/);
  });

  it('gives the same lead folded one by one as in a batch', () => {
    const events = [event('email_open', { occurredAt: at(1) }), merged('known-1'), event('page_visit', { occurredAt: at(3) })];
    let one = initialLeadState('lead-1');
    for (const e of events) one = fold(one, e, ruleSet).state;
    expect(one).toEqual(foldAll(ruleSet, events).state);
  });

  it('reads a state stored before merging existed as not merged', () => {
    const old: Partial<ReturnType<typeof initialLeadState>> = initialLeadState('lead-1');
    delete old.mergedInto;
    const result = fold(old as never, event('email_open'), ruleSet);
    expect(result.state).toMatchObject({ score: 15, mergedInto: null });
  });
});
