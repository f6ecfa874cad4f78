import { chooseMember } from './choose-member';
import { type RoutingTeam } from './routing-config';

const team = (strategy: RoutingTeam['strategy']): RoutingTeam => ({ id: 't', match: [], members: ['alice', 'bob', 'carol'], strategy, webhook: { url: 'https://x.example' } });
const none = new Map<string, number>();

describe('chooseMember', () => {
  it('round robin takes the members in turn and wraps around', () => {
    expect([1, 2, 3, 4, 5].map((turn) => chooseMember(team('round_robin'), { turn, openHandoffs: none, ownerTrait: undefined })))
      .toEqual(['alice', 'bob', 'carol', 'alice', 'bob']);
  });

  it('least loaded picks the member with the fewest open handoffs, ties by list order', () => {
    expect(chooseMember(team('least_loaded'), { turn: 0, openHandoffs: new Map([['alice', 2], ['bob', 1], ['carol', 1]]), ownerTrait: undefined })).toBe('bob');
    expect(chooseMember(team('least_loaded'), { turn: 0, openHandoffs: new Map([['alice', 2], ['bob', 1]]), ownerTrait: undefined })).toBe('carol');
    expect(chooseMember(team('least_loaded'), { turn: 0, openHandoffs: none, ownerTrait: undefined })).toBe('alice');
  });

  it('owner honours the owner trait when the member is on the team, else falls back to round robin', () => {
    expect(chooseMember(team('owner'), { turn: 1, openHandoffs: none, ownerTrait: 'carol' })).toBe('carol');
    expect(chooseMember(team('owner'), { turn: 2, openHandoffs: none, ownerTrait: 'mallory' })).toBe('bob');
    expect(chooseMember(team('owner'), { turn: 1, openHandoffs: none, ownerTrait: undefined })).toBe('alice');
  });
});
