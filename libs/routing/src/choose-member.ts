import { type RoutingTeam } from './routing-config';

/** What the shell looked up for the member choice: the team's next turn and open handoffs per member. */
export interface MemberInputs {
  /** The team's round-robin counter after incrementing it for this handoff (1, 2, 3, …). */
  turn: number;
  openHandoffs: ReadonlyMap<string, number>;
  ownerTrait: unknown;
}

/**
 * round_robin: members in turn; least_loaded: fewest open handoffs (ties by list order);
 * owner: the member named by the lead's `owner` trait when on the team, else round robin.
 */
export function chooseMember(team: RoutingTeam, inputs: MemberInputs): string {
  switch (team.strategy) {
    case 'round_robin':
      return roundRobin(team, inputs.turn);
    case 'least_loaded': {
      let best = team.members[0];
      for (const member of team.members) {
        if ((inputs.openHandoffs.get(member) ?? 0) < (inputs.openHandoffs.get(best) ?? 0)) best = member;
      }
      return best;
    }
    case 'owner':
      return typeof inputs.ownerTrait === 'string' && team.members.includes(inputs.ownerTrait) ? inputs.ownerTrait : roundRobin(team, inputs.turn);
  }
}

function roundRobin(team: RoutingTeam, turn: number): string {
  return team.members[(((turn - 1) % team.members.length) + team.members.length) % team.members.length];
}
