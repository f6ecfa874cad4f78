import { chooseTeam } from './choose-team';
import { type RoutingConfig } from './routing-config';

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
    expect(chooseTeam(config, lead)?.id).toBe(team);
  });

  it('returns null without routing or without a match', () => {
    expect(chooseTeam(null, { traits: {}, source: null, score: 1 })).toBeNull();
    expect(chooseTeam({ teams: config.teams.slice(0, 1) }, { traits: { companySize: 3 }, source: null, score: 1 })).toBeNull();
  });

  it.each([
    ['neq', 'x', 'y', true], ['in', 'fr', ['fr', 'be'], true], ['in', 'de', ['fr'], false], ['contains', 'Acme Corp', 'Corp', true],
    ['matches', 'cto@acme.io', '^cto@', true], ['lt', 10, 20, true], ['lte', 20, 20, true], ['gt', 20, 20, false],
  ] as const)('op %s on %j against %j is %s', (op, actual, value, expected) => {
    const team = { ...config.teams[2], match: [{ field: 'traits.x', op, value }] };
    expect(chooseTeam({ teams: [team] }, { traits: { x: actual }, source: null, score: 0 }) !== null).toBe(expected);
  });

  it('exists holds for a present, non-null trait only', () => {
    const team = { ...config.teams[2], match: [{ field: 'traits.owner', op: 'exists' as const }] };
    expect(chooseTeam({ teams: [team] }, { traits: { owner: 'a' }, source: null, score: 0 })).not.toBeNull();
    expect(chooseTeam({ teams: [team] }, { traits: { owner: null }, source: null, score: 0 })).toBeNull();
  });
});
