import { RE2JS } from 're2js';
import { chooseTeam, compileRouting, type LeadFacts, routingUsesWinProbability } from './choose-team';
import { type RoutingConfig } from './routing-config';

const choose = (routing: RoutingConfig | null, lead: LeadFacts) => chooseTeam(routing && compileRouting(routing), lead);

const config: RoutingConfig = {
  teams: [
    { id: 'enterprise', match: [{ field: 'traits.companySize', op: 'gte', value: 1000 }], members: ['alice', 'bob'], strategy: 'round_robin', webhook: { url: 'https://crm.example/e' } },
    { id: 'salon', match: [{ field: 'source', op: 'eq', value: 'salon-2026' }, { field: 'score', op: 'gte', value: 60 }], members: ['dan'], strategy: 'round_robin', webhook: { url: 'https://crm.example/s' } },
    { id: 'smb', match: [], members: ['carol'], strategy: 'least_loaded', webhook: { url: 'https://crm.example/smb' } },
  ],
};

describe('chooseTeam', () => {
  it.each([
    ['a company of 5000 goes to enterprise', { traits: { companySize: 5000 }, source: null, score: 50 }, 'enterprise'],
    ['exactly 1000 is enterprise', { traits: { companySize: 1000 }, source: null, score: 50 }, 'enterprise'],
    ['a numeric string counts as a number', { traits: { companySize: '2500' }, source: null, score: 50 }, 'enterprise'],
    ['999 falls through to the catch-all', { traits: { companySize: 999 }, source: null, score: 50 }, 'smb'],
    ['every condition of a team must hold', { traits: {}, source: 'salon-2026', score: 55 }, 'smb'],
    ['source and score conditions route', { traits: {}, source: 'salon-2026', score: 60 }, 'salon'],
    ['missing traits fall to the catch-all', { traits: {}, source: null, score: 50 }, 'smb'],
  ])('%s', (_name, lead, team) => {
    expect(choose(config, lead)?.id).toBe(team);
  });

  describe('on the learned win probability', () => {
    const hot = { id: 'hot', match: [{ field: 'winProbability', op: 'gte' as const, value: 0.6 }], members: ['eve'], strategy: 'round_robin' as const, webhook: { url: 'https://crm.example/hot' } };
    const routing: RoutingConfig = { teams: [hot, config.teams[2]] };

    it.each([
      ['a lead the model gives 0.72 goes to the hot team', 0.72, 'hot'],
      ['0.6 exactly is enough', 0.6, 'hot'],
      ['0.59 falls through', 0.59, 'smb'],
      ['without an active model (null) the condition never holds', null, 'smb'],
      ['nor when the probability was not computed', undefined, 'smb'],
    ])('%s', (_name, winProbability, team) => {
      expect(choose(routing, { traits: {}, source: null, score: 10, winProbability })?.id).toBe(team);
    });

    it('is computed only when a condition reads it', () => {
      expect([routingUsesWinProbability(routing), routingUsesWinProbability(config)]).toEqual([true, false]);
    });
  });

  it('returns null without routing or without a match', () => {
    expect(choose(null, { traits: {}, source: null, score: 1 })).toBeNull();
    expect(choose({ teams: config.teams.slice(0, 1) }, { traits: { companySize: 3 }, source: null, score: 1 })).toBeNull();
  });

  it.each([
    ['neq', 'x', 'y', true], ['in', 'fr', ['fr', 'be'], true], ['in', 'de', ['fr'], false], ['contains', 'Acme Corp', 'Corp', true],
    ['matches', 'cto@acme.io', '^cto@', true], ['lt', 10, 20, true], ['lte', 20, 20, true], ['gt', 20, 20, false],
  ] as const)('op %s on %j against %j is %s', (op, actual, value, expected) => {
    const team = { ...config.teams[2], match: [{ field: 'traits.x', op, value }] };
    expect(choose({ teams: [team] }, { traits: { x: actual }, source: null, score: 0 }) !== null).toBe(expected);
  });

  it('exists holds for a present, non-null trait only', () => {
    const team = { ...config.teams[2], match: [{ field: 'traits.owner', op: 'exists' as const }] };
    expect(choose({ teams: [team] }, { traits: { owner: 'a' }, source: null, score: 0 })).not.toBeNull();
    expect(choose({ teams: [team] }, { traits: { owner: null }, source: null, score: 0 })).toBeNull();
  });

  it('runs matches on a linear-time engine: ^(a|a){0,40}$ on 39 a and a b does not match, at once', () => {
    const team = { ...config.teams[2], match: [{ field: 'traits.title', op: 'matches' as const, value: '^(a|a){0,40}$' }] };
    const routing = compileRouting({ teams: [team] });
    expect(chooseTeam(routing, { traits: { title: 'a'.repeat(39) + 'b' }, source: null, score: 0 })).toBeNull();
    expect(chooseTeam(routing, { traits: { title: 'a'.repeat(39) }, source: null, score: 0 })?.id).toBe('smb');
  });

  it('stays linear where backtracking is exponential: (x+x+)+y on 40 x, (a|aa)*c on 1000 a', () => {
    const team = { ...config.teams[2], match: [{ field: 'source', op: 'matches' as const, value: '(x+x+)+y|(a|aa)*c' }] };
    const routing = compileRouting({ teams: [team] });
    // The jest timeout is the bound: a backtracking engine needs exponential time on each of these.
    expect(chooseTeam(routing, { traits: {}, source: 'x'.repeat(40), score: 0 })).toBeNull();
    expect(chooseTeam(routing, { traits: {}, source: 'a'.repeat(1000), score: 0 })).toBeNull();
  });

  it('compiles each pattern once per routing version, not per lead', () => {
    const team = { ...config.teams[2], match: [{ field: 'source', op: 'matches' as const, value: '^salon-' }] };
    const routing = compileRouting({ teams: [team] });
    const compile = jest.spyOn(RE2JS, 'compile');
    for (let i = 0; i < 100; i += 1) expect(chooseTeam(routing, { traits: {}, source: `salon-${i}`, score: 0 })?.id).toBe('smb');
    expect(compile).not.toHaveBeenCalled();
    compile.mockRestore();
  });

  it('never holds for a stored pattern RE2 refuses (a routing stored before RE2 validation)', () => {
    const team = { ...config.teams[2], match: [{ field: 'source', op: 'matches' as const, value: '(a)\\1' }] };
    expect(choose({ teams: [team] }, { traits: {}, source: 'aa', score: 0 })).toBeNull();
  });
});
