import { type FieldError } from './rule-set.definition';
import { validateRuleSet } from './validate-rule-set';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the cases edit raw input freely, as a client could send it
type Raw = Record<string, any>;

/** A valid rule set; each case below changes one thing in a fresh copy. */
function valid(): Raw {
  return {
    name: 'test',
    thresholds: { mql: 50, sql: 100, sqlMinFit: 10 },
    score: { floor: 0, ceiling: 200 },
    rules: [
      { id: 'open', when: { type: 'email_open' }, points: 1, limit: { count: 3, per: '1d' }, decay: { halfLife: '30d' }, group: 'email' },
      { id: 'paper', when: { type: ['whitepaper_download'] }, points: 15, expiresAfter: '90d', group: 'content' },
      {
        id: 'careers',
        when: { type: 'page_visit', where: [{ field: 'properties.url', op: 'contains', value: '/careers' }] },
        points: -10,
      },
      { id: 'big', kind: 'fit', when: { where: [{ field: 'traits.companySize', op: 'gte', value: 1000 }] }, points: 20 },
    ],
    groupCaps: { email: 30, content: 60 },
    grades: { A: 40, B: 25, C: 10 },
    lifecycle: { customerInactiveAfter: '180d' },
  };
}

function errorsOf(change: (ruleSet: Raw) => void): FieldError[] {
  const input = valid();
  change(input);
  const result = validateRuleSet(input);
  return result.ok ? [] : result.errors;
}

describe('validateRuleSet', () => {
  it('accepts a rule set using every option, with kind and group defaulted', () => {
    const result = validateRuleSet(valid());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.rules[2]).toMatchObject({ id: 'careers', kind: 'engagement', group: 'engagement' });
    expect(result.definition.rules[3]).toMatchObject({ id: 'big', kind: 'fit', group: 'fit' });
  });

  it('gives back a definition that validates again unchanged (it is stored and re-read)', () => {
    const first = validateRuleSet(valid());
    if (!first.ok) throw new Error('expected valid');
    const again = validateRuleSet(JSON.parse(JSON.stringify(first.definition)));
    expect(again).toEqual(first);
  });

  it.each<[string, (r: Raw) => void, string, string]>([
    ['a missing name', (r) => delete r.name, 'name', 'must be a non-empty string'],
    ['missing thresholds', (r) => delete r.thresholds, 'thresholds', 'must be an object with mql, sql, sqlMinFit'],
    ['a threshold that is not a number', (r) => (r.thresholds.mql = '50'), 'thresholds.mql', 'must be a number'],
    ['sql below mql', (r) => (r.thresholds.sql = 40), 'thresholds.sql', 'must be ≥ thresholds.mql (50)'],
    ['a threshold above the ceiling', (r) => (r.thresholds.sql = 250), 'thresholds.sql', 'is above score.ceiling (200)'],
    ['floor above ceiling', (r) => (r.score = { floor: 10, ceiling: 5 }), 'score.floor', 'must be ≤ score.ceiling (5)'],
    ['more than 2 decimals', (r) => (r.rules[0].points = 1.234), 'rules.0.points', 'must have at most 2 decimals'],
    ['points that are not a number', (r) => (r.rules[0].points = 'ten'), 'rules.0.points', 'must be a number'],
    ['a rules list that is not a list', (r) => (r.rules = {}), 'rules', 'must be a list of at most 500 rules'],
    ['a rule that is not an object', (r) => (r.rules[1] = 'paper'), 'rules.1', 'must be an object with id'],
    ['an id with capitals', (r) => (r.rules[0].id = 'Open'), 'rules.0.id', 'must be 1 to 64 characters of a-z, 0-9, _ and -'],
    ['a duplicate id', (r) => (r.rules[2].id = 'open'), 'rules.2.id', 'duplicate id "open" (also rules.0)'],
    ['an unknown kind', (r) => (r.rules[0].kind = 'behaviour'), 'rules.0.kind', 'must be engagement or fit'],
    ['an engagement rule without when', (r) => delete r.rules[0].when, 'rules.0.when', 'must be an object with type, where'],
    ['an engagement rule without a type', (r) => (r.rules[0].when = {}), 'rules.0.when.type', 'must be an event type'],
    ['a type that is not an event type', (r) => (r.rules[0].when.type = 'Email Open'), 'rules.0.when.type', 'must be an event type'],
    ['an empty list of types', (r) => (r.rules[0].when.type = []), 'rules.0.when.type', 'or a non-empty list of them'],
    ['a fit rule on another type', (r) => (r.rules[3].when.type = 'page_visit'), 'rules.3.when.type', 'fit rules score the lead\'s traits on identify events'],
    ['a fit rule on event properties', (r) => (r.rules[3].when.where[0].field = 'properties.size'), 'rules.3.when.where.0.field', 'fit rules see only the lead\'s merged traits'],
    ['a fit rule with a limit', (r) => (r.rules[3].limit = { count: 1, per: 'ever' }), 'rules.3.limit', 'not allowed on fit rules'],
    ['a fit rule that decays', (r) => (r.rules[3].decay = { halfLife: '30d' }), 'rules.3.decay', 'not allowed on fit rules'],
    ['where that is not a list', (r) => (r.rules[2].when.where = {}), 'rules.2.when.where', 'must be a list of at most 20 conditions'],
    ['an unknown field root', (r) => (r.rules[2].when.where[0].field = 'context.ip'), 'rules.2.when.where.0.field', 'must be type, source, properties.<key>, traits.<key> or lead.daysInactive'],
    ['an empty path segment', (r) => (r.rules[2].when.where[0].field = 'properties..url'), 'rules.2.when.where.0.field', 'must be type, source'],
    ['an unknown op', (r) => (r.rules[2].when.where[0].op = 'like'), 'rules.2.when.where.0.op', 'must be one of eq, neq, in, contains, matches, gt, gte, lt, lte, exists'],
    ['eq on an object', (r) => Object.assign(r.rules[2].when.where[0], { op: 'eq', value: {} }), 'rules.2.when.where.0.value', 'must be a string, number, boolean or null'],
    ['in on a single value', (r) => Object.assign(r.rules[2].when.where[0], { op: 'in', value: 'x' }), 'rules.2.when.where.0.value', 'must be a list of 1 to 1000'],
    ['in on an empty list', (r) => Object.assign(r.rules[2].when.where[0], { op: 'in', value: [] }), 'rules.2.when.where.0.value', 'must be a list of 1 to 1000'],
    ['contains null', (r) => Object.assign(r.rules[2].when.where[0], { value: null }), 'rules.2.when.where.0.value', 'must be a string, number or boolean'],
    ['gt on a string', (r) => Object.assign(r.rules[2].when.where[0], { op: 'gt', value: '5' }), 'rules.2.when.where.0.value', 'must be a number'],
    ['exists with a string', (r) => Object.assign(r.rules[2].when.where[0], { op: 'exists', value: 'yes' }), 'rules.2.when.where.0.value', 'must be true or false'],
    ['matches that does not compile', (r) => Object.assign(r.rules[2].when.where[0], { op: 'matches', value: '(' }), 'rules.2.when.where.0.value', 'does not compile'],
    ['matches with a lookahead', (r) => Object.assign(r.rules[2].when.where[0], { op: 'matches', value: 'a(?=b)' }), 'rules.2.when.where.0.value', 'lookahead and lookbehind are not supported'],
    ['matches with a backreference', (r) => Object.assign(r.rules[2].when.where[0], { op: 'matches', value: '(a)\\1' }), 'rules.2.when.where.0.value', 'backreferences are not supported'],
    ['matches on a number', (r) => Object.assign(r.rules[2].when.where[0], { op: 'matches', value: 5 }), 'rules.2.when.where.0.value', 'must be a regular expression'],
    ['ignoreCase on gt', (r) => Object.assign(r.rules[2].when.where[0], { op: 'gt', value: 1, ignoreCase: true }), 'rules.2.when.where.0.ignoreCase', 'only applies to eq, neq, in, contains, matches'],
    ['ignoreCase that is not a boolean', (r) => (r.rules[2].when.where[0].ignoreCase = 'yes'), 'rules.2.when.where.0.ignoreCase', 'must be true or false'],
    ['a limit count of 0', (r) => (r.rules[0].limit.count = 0), 'rules.0.limit.count', 'must be ≥ 1'],
    ['a fractional limit count', (r) => (r.rules[0].limit.count = 1.5), 'rules.0.limit.count', 'must be a whole number'],
    ['a limit per week', (r) => (r.rules[0].limit.per = '1w'), 'rules.0.limit.per', 'must be a duration (1d, 12h, 15m) or ever'],
    ['a bad expiresAfter', (r) => (r.rules[1].expiresAfter = '90 days'), 'rules.1.expiresAfter', 'must be a duration'],
    ['a bad half-life', (r) => (r.rules[0].decay.halfLife = '0d'), 'rules.0.decay.halfLife', 'must be a duration'],
    ['expiry and decay together', (r) => (r.rules[0].expiresAfter = '90d'), 'rules.0.decay', 'cannot be combined with expiresAfter'],
    ['a group holding both kinds', (r) => (r.rules[3].group = 'email'), 'rules.3.group', 'group "email" holds engagement rules (rules.0); a group holds one kind'],
    ['a cap naming no group', (r) => (r.groupCaps.emial = 10), 'groupCaps.emial', 'no rule is in group "emial"'],
    ['a negative cap', (r) => (r.groupCaps.email = -1), 'groupCaps.email', 'must be ≥ 0'],
    ['grades out of order', (r) => (r.grades = { A: 10, B: 25, C: 5 }), 'grades.B', 'must be ≤ grades.A (10)'],
    ['a missing grade', (r) => delete r.grades.C, 'grades.C', 'must be a number'],
    ['a bad lifecycle duration', (r) => (r.lifecycle.customerInactiveAfter = 'six months'), 'lifecycle.customerInactiveAfter', 'must be a duration'],
  ])('refuses %s', (_case, change, path, message) => {
    const errors = errorsOf(change);
    expect(errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it.each<[string, (r: Raw) => void, string, string]>([
    ['at the root', (r) => (r.treshold = 1), 'treshold', 'unknown key; did you mean "thresholds"?'],
    ['in a rule', (r) => (r.rules[1].expiresafter = '1d'), 'rules.1.expiresafter', 'unknown key; did you mean "expiresAfter"?'],
    ['in a condition', (r) => (r.rules[2].when.where[0].vaule = 1), 'rules.2.when.where.0.vaule', 'unknown key; did you mean "value"?'],
    ['in a limit', (r) => (r.rules[0].limit.every = '1d'), 'rules.0.limit.every', 'unknown key; expected one of count, per'],
    ['in thresholds', (r) => (r.thresholds.mgl = 1), 'thresholds.mgl', 'unknown key; did you mean "mql"?'],
  ])('refuses an unknown key %s, suggesting the closest', (_case, change, path, message) => {
    expect(errorsOf(change)).toContainEqual({ path, message });
  });

  it('reports every error at once, by path', () => {
    const errors = errorsOf((r) => {
      r.thresholds.sql = 10;
      r.rules[0].points = 'x';
      r.rules[2].when.where[0].op = 'like';
      r.rules[3].id = 'open';
    });
    expect(errors.map((e) => e.path)).toEqual(['thresholds.sql', 'rules.0.points', 'rules.2.when.where.0.op', 'rules.3.id']);
  });

  it.each([[null], [[]], ['rules'], [42]])('refuses %p as a whole', (input) => {
    expect(validateRuleSet(input)).toEqual({ ok: false, errors: [{ path: '', message: expect.stringContaining('must be an object') }] });
  });
});
