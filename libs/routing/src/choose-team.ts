import { type MatchCondition, type RoutingConfig, type RoutingTeam } from './routing-config';

/** What routing can see of a lead: its merged traits, its source of origin, its score. */
export interface LeadFacts {
  traits: Record<string, unknown>;
  source: string | null;
  score: number;
}

/** The first team whose every condition holds; a team without conditions catches the rest. */
export function chooseTeam(config: RoutingConfig | null, lead: LeadFacts): RoutingTeam | null {
  if (config === null) return null;
  return config.teams.find((team) => team.match.every((condition) => holds(condition, lead))) ?? null;
}

function read(lead: LeadFacts, field: string): unknown {
  if (field === 'source') return lead.source;
  if (field === 'score') return lead.score;
  return lead.traits[field.slice('traits.'.length)];
}

function holds(condition: MatchCondition, lead: LeadFacts): boolean {
  const actual = read(lead, condition.field);
  const expected = condition.value;
  switch (condition.op) {
    case 'exists': return actual !== undefined && actual !== null;
    case 'eq': return actual === expected;
    case 'neq': return actual !== expected;
    case 'in': return Array.isArray(expected) && expected.includes(actual);
    case 'contains': return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
    case 'matches': return typeof actual === 'string' && typeof expected === 'string' && new RegExp(expected).test(actual);
    case 'gt': return compare(actual, expected, (a, b) => a > b);
    case 'gte': return compare(actual, expected, (a, b) => a >= b);
    case 'lt': return compare(actual, expected, (a, b) => a < b);
    case 'lte': return compare(actual, expected, (a, b) => a <= b);
  }
}

function compare(actual: unknown, expected: unknown, test: (a: number, b: number) => boolean): boolean {
  const a = typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : actual;
  return typeof a === 'number' && Number.isFinite(a) && typeof expected === 'number' && test(a, expected);
}
