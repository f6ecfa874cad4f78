import { compileCondition, compileConditions } from './compile-condition';
import { initialLeadState, type LeadState } from './lead-state';
import { type ConditionDefinition } from './rule-set.definition';
import { type ScoringEvent } from './scoring-event';
import { at, DAY, event } from './testing/scoring.fixtures';

const visit: ScoringEvent = event('page_visit', {
  source: 'newsletter',
  occurredAt: at(10),
  properties: { url: 'https://x.io/Pricing?plan=pro', seconds: 42, size: '500', tags: ['b2b', 'SaaS'], utm: { campaign: 'spring' }, nothing: null, path: 'x/a.b?(C)/abc' },
});

function lead(traits: Record<string, unknown> = {}, lastActivityAt: number | null = null): LeadState {
  return { ...initialLeadState('lead-1'), traits, lastActivityAt };
}

const holds = (condition: ConditionDefinition, subject = lead()): boolean => compileCondition(condition)(visit, subject);

describe('compileCondition', () => {
  it.each<[string, ConditionDefinition, boolean]>([
    ['eq on the type', { field: 'type', op: 'eq', value: 'page_visit' }, true],
    ['eq on the source', { field: 'source', op: 'eq', value: 'newsletter' }, true],
    ['eq on a number', { field: 'properties.seconds', op: 'eq', value: 42 }, true],
    ['eq does not convert a numeric string', { field: 'properties.size', op: 'eq', value: 500 }, false],
    ['eq is case-sensitive', { field: 'source', op: 'eq', value: 'Newsletter' }, false],
    ['eq with ignoreCase', { field: 'source', op: 'eq', value: 'NewsLetter', ignoreCase: true }, true],
    ['eq null matches a null value', { field: 'properties.nothing', op: 'eq', value: null }, true],
    ['eq null does not match a missing field', { field: 'properties.missing', op: 'eq', value: null }, false],
    ['exists is false on a null value', { field: 'properties.nothing', op: 'exists' }, false],
    ['neq on a different value', { field: 'source', op: 'neq', value: 'ads' }, true],
    ['neq on the same value', { field: 'source', op: 'neq', value: 'newsletter' }, false],
    ['neq on a missing field', { field: 'properties.missing', op: 'neq', value: 'x' }, true],
    ['in a list that holds it', { field: 'source', op: 'in', value: ['ads', 'newsletter'] }, true],
    ['in a list that does not', { field: 'source', op: 'in', value: ['ads', 'seo'] }, false],
    ['in with ignoreCase', { field: 'source', op: 'in', value: ['NEWSLETTER'], ignoreCase: true }, true],
    ['contains a substring', { field: 'properties.url', op: 'contains', value: '/Pricing' }, true],
    ['contains is case-sensitive', { field: 'properties.url', op: 'contains', value: '/pricing' }, false],
    ['contains with ignoreCase', { field: 'properties.url', op: 'contains', value: '/PRICING', ignoreCase: true }, true],
    ['contains takes its text literally, with ignoreCase', { field: 'properties.path', op: 'contains', value: 'A.B?(c)', ignoreCase: true }, true],
    ['contains does not read its text as a pattern', { field: 'properties.path', op: 'contains', value: 'a.c', ignoreCase: true }, false],
    ['contains an element of a list', { field: 'properties.tags', op: 'contains', value: 'b2b' }, true],
    ['contains an element with ignoreCase', { field: 'properties.tags', op: 'contains', value: 'saas', ignoreCase: true }, true],
    ['contains on a number', { field: 'properties.seconds', op: 'contains', value: '4' }, false],
    ['matches a pattern', { field: 'properties.url', op: 'matches', value: '^https://[a-z.]+/Pricing' }, true],
    ['matches with ignoreCase', { field: 'properties.url', op: 'matches', value: 'plan=PRO$', ignoreCase: true }, true],
    ['matches that fails', { field: 'properties.url', op: 'matches', value: '/demo' }, false],
    ['gt', { field: 'properties.seconds', op: 'gt', value: 41 }, true],
    ['gt at the value', { field: 'properties.seconds', op: 'gt', value: 42 }, false],
    ['gte at the value', { field: 'properties.seconds', op: 'gte', value: 42 }, true],
    ['lt', { field: 'properties.seconds', op: 'lt', value: 43 }, true],
    ['lte at the value', { field: 'properties.seconds', op: 'lte', value: 42 }, true],
    ['lte below', { field: 'properties.seconds', op: 'lte', value: 41 }, false],
    ['gte on a numeric string', { field: 'properties.size', op: 'gte', value: 200 }, true],
    ['gt on text', { field: 'properties.url', op: 'gt', value: 0 }, false],
    ['gt on a missing field', { field: 'properties.missing', op: 'gt', value: -1 }, false],
    ['exists on a present field', { field: 'properties.url', op: 'exists' }, true],
    ['exists on a missing field', { field: 'properties.missing', op: 'exists' }, false],
    ['exists false on a missing field', { field: 'properties.missing', op: 'exists', value: false }, true],
    ['a nested path', { field: 'properties.utm.campaign', op: 'eq', value: 'spring' }, true],
    ['a path through a scalar', { field: 'properties.url.length', op: 'exists' }, false],
    ['an inherited key is absent', { field: 'properties.constructor', op: 'exists' }, false],
    ['an inherited key deeper is absent', { field: 'properties.utm.toString', op: 'exists' }, false],
  ])('%s', (_case, condition, expected) => {
    expect(holds(condition)).toBe(expected);
  });

  it('reads traits from the lead (merged), not from the event', () => {
    const condition: ConditionDefinition = { field: 'traits.country', op: 'eq', value: 'FR' };
    expect(holds(condition, lead({ country: 'FR' }))).toBe(true);
    expect(holds(condition, lead({}))).toBe(false);
  });

  it.each<[number | null, ConditionDefinition, boolean]>([
    [at(10) - 30 * DAY, { field: 'lead.daysInactive', op: 'gte', value: 30 }, true],
    [at(10) - 29 * DAY - 1, { field: 'lead.daysInactive', op: 'gte', value: 30 }, false],
    [null, { field: 'lead.daysInactive', op: 'exists' }, false],
  ])('reads lead.daysInactive as whole days since the last activity %#', (lastActivityAt, condition, expected) => {
    expect(holds(condition, lead({}, lastActivityAt))).toBe(expected);
  });

  it('tests only the first 1024 characters with matches', () => {
    const long = event('page_visit', { properties: { url: `${'x'.repeat(1024)}/pricing` } });
    const predicate = compileCondition({ field: 'properties.url', op: 'matches', value: 'pricing' });
    expect(predicate(long, lead())).toBe(false);
  });

  it('holds for every event when a rule has no conditions, and needs all of them otherwise', () => {
    expect(compileConditions([])(visit, lead())).toBe(true);
    const both = compileConditions([
      { field: 'source', op: 'eq', value: 'newsletter' },
      { field: 'properties.seconds', op: 'gt', value: 60 },
    ]);
    expect(both(visit, lead())).toBe(false);
  });
});
