import { compileLinearRegex } from '@leadscore/scoring';
import { type MatchCondition, type RoutingConfig, type RoutingTeam } from './routing-config';

/** What routing can see of a lead: its merged traits, its source of origin, its score. */
export interface LeadFacts {
  traits: Record<string, unknown>;
  source: string | null;
  score: number;
  /** The active learned model's win probability (0–1) at the promotion; absent without a model. */
  winProbability?: number | null;
}

/** A routing version with its conditions compiled (`matches` patterns on RE2, once): build it per version. */
export interface CompiledRouting {
  teams: Array<{ team: RoutingTeam; holds: (lead: LeadFacts) => boolean }>;
}

export function compileRouting(config: RoutingConfig): CompiledRouting {
  return {
    teams: config.teams.map((team) => {
      const tests = team.match.map(compileMatch);
      return { team, holds: (lead: LeadFacts) => tests.every((test) => test(lead)) };
    }),
  };
}

/** Whether a condition reads the win probability: only then is it worth computing. */
export function routingUsesWinProbability(config: RoutingConfig): boolean {
  return config.teams.some((team) => team.match.some((condition) => condition.field === 'winProbability'));
}

/** The first team whose every condition holds; a team without conditions catches the rest. */
export function chooseTeam(routing: CompiledRouting | null, lead: LeadFacts): RoutingTeam | null {
  if (routing === null) return null;
  return routing.teams.find((candidate) => candidate.holds(lead))?.team ?? null;
}

/**
 * `matches` runs on RE2 (linear time); a pattern RE2 refuses (only in a routing stored before RE2
 * validation) never holds. The other ops are evaluated as they come.
 */
function compileMatch(condition: MatchCondition): (lead: LeadFacts) => boolean {
  if (condition.op !== 'matches') return (lead) => holds(condition, lead);
  const compiled = typeof condition.value === 'string' ? compileLinearRegex(condition.value, false) : null;
  if (!compiled?.ok) return () => false;
  const { regex } = compiled;
  return (lead) => {
    const actual = read(lead, condition.field);
    return typeof actual === 'string' && regex.test(actual);
  };
}

function read(lead: LeadFacts, field: string): unknown {
  if (field === 'source') return lead.source;
  if (field === 'score') return lead.score;
  if (field === 'winProbability') return lead.winProbability;
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
    case 'matches': return false; // compiled once by compileMatch, never here
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
