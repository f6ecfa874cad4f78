import { parseRoutingConfig } from './routing-config';

describe('parseRoutingConfig', () => {
  it('accepts the documented example and defaults match and strategy', () => {
    const parsed = parseRoutingConfig({
      teams: [
        { id: 'enterprise', match: [{ field: 'traits.companySize', op: 'gte', value: 1000 }], members: ['alice', 'bob'], strategy: 'round_robin', webhook: { url: 'https://crm.example/hooks/leads' } },
        { id: 'smb', members: ['carol'], webhook: { url: 'https://crm.example/hooks/smb' } },
      ],
    });
    expect(parsed.ok && parsed.config.teams[1]).toEqual({ id: 'smb', match: [], members: ['carol'], strategy: 'round_robin', webhook: { url: 'https://crm.example/hooks/smb' } });
  });

  it('names every problem by its path', () => {
    const parsed = parseRoutingConfig({
      teams: [
        { id: 'Bad Id', members: [], strategy: 'random', webhook: { url: 'ftp://x' }, match: [{ field: 'email', op: 'like', value: 1 }] },
        { id: 'a', members: ['x'], webhook: { url: 'https://x.example' }, match: [{ field: 'traits.size', op: 'gte', value: 'big' }] },
        { id: 'a', members: ['x'], webhook: { url: 'https://x.example' } },
      ],
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.map((e) => e.path)).toEqual([
      'teams.0.id', 'teams.0.members', 'teams.0.strategy', 'teams.0.match.0.field', 'teams.0.match.0.op', 'teams.0.webhook.url',
      'teams.1.match.0.value', 'teams.2.id',
    ]);
  });

  it('accepts the learned win probability as a match field, a number compared like the score', () => {
    const parsed = parseRoutingConfig({ teams: [{ id: 'hot', members: ['eve'], webhook: { url: 'https://crm.example/hot' }, match: [{ field: 'winProbability', op: 'gte', value: 0.6 }] }] });
    expect(parsed.ok && parsed.config.teams[0].match).toEqual([{ field: 'winProbability', op: 'gte', value: 0.6 }]);
    const wrong = parseRoutingConfig({ teams: [{ id: 'hot', members: ['eve'], webhook: { url: 'https://crm.example/hot' }, match: [{ field: 'winprobability', op: 'gte', value: 0.6 }] }] });
    expect(wrong).toEqual({ ok: false, errors: [{ path: 'teams.0.match.0.field', message: 'must be source, score, winProbability or traits.<name>' }] });
  });

  it('refuses a body without a teams array', () => {
    expect(parseRoutingConfig({})).toEqual({ ok: false, errors: [{ path: 'teams', message: 'must be an array of teams' }] });
  });

  it.each([
    ['(a)\\1', 'backreferences are not supported'],
    ['(?=pricing)', 'lookahead and lookbehind are not supported'],
    ['(?<!x)y', 'lookahead and lookbehind are not supported'],
    ['(a', 'does not compile (RE2 syntax)'],
    ['a'.repeat(201), 'at most 200 characters'],
  ])('refuses the pattern %s at its path (%s)', (pattern, message) => {
    const parsed = parseRoutingConfig({
      teams: [{
        id: 'enterprise', members: ['alice'], webhook: { url: 'https://crm.example/hooks/leads' },
        match: [{ field: 'traits.companySize', op: 'gte', value: 1000 }, { field: 'traits.jobTitle', op: 'matches', value: pattern }],
      }],
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([{ path: 'teams.0.match.1.value', message: expect.stringContaining(message) }]);
  });

  it('accepts a pattern a backtracking engine would choke on, since it runs on RE2', () => {
    const parsed = parseRoutingConfig({
      teams: [{ id: 'a', members: ['x'], webhook: { url: 'https://x.example' }, match: [{ field: 'traits.t', op: 'matches', value: '^(a|a){0,40}$' }] }],
    });
    expect(parsed.ok).toBe(true);
  });
});
