import { type FieldError } from '@leadscore/contracts';
import { patternProblem } from '@leadscore/scoring';

export const ROUTING_STRATEGIES = ['round_robin', 'least_loaded', 'owner'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

export const MATCH_OPS = ['eq', 'neq', 'in', 'contains', 'matches', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;
export type MatchOp = (typeof MATCH_OPS)[number];

export interface MatchCondition {
  field: string;
  op: MatchOp;
  value?: unknown;
}

export interface RoutingTeam {
  id: string;
  match: MatchCondition[];
  members: string[];
  strategy: RoutingStrategy;
  webhook: { url: string };
}

export interface RoutingConfig {
  teams: RoutingTeam[];
}

export type RoutingParse = { ok: true; config: RoutingConfig } | { ok: false; errors: FieldError[] };

export const TEAM_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const FIELD = /^(source|score|winProbability|traits\.[A-Za-z0-9_.-]{1,128})$/;

/** Validates a `PUT /v1/routing` body; every problem is reported with its path. */
export function parseRoutingConfig(body: unknown): RoutingParse {
  const errors: FieldError[] = [];
  if (!isObject(body) || !Array.isArray(body.teams)) return { ok: false, errors: [{ path: 'teams', message: 'must be an array of teams' }] };
  if (body.teams.length > 100) errors.push({ path: 'teams', message: 'at most 100 teams' });
  const seen = new Set<string>();
  const teams = body.teams.map((raw, i) => parseTeam(raw, `teams.${i}`, errors, seen));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config: { teams: teams as RoutingTeam[] } };
}

function parseTeam(raw: unknown, path: string, errors: FieldError[], seen: Set<string>): RoutingTeam | null {
  if (!isObject(raw)) {
    errors.push({ path, message: 'must be an object' });
    return null;
  }
  if (typeof raw.id !== 'string' || !TEAM_ID_PATTERN.test(raw.id)) errors.push({ path: `${path}.id`, message: 'must match ^[a-z0-9][a-z0-9_-]{0,63}$' });
  else if (seen.has(raw.id)) errors.push({ path: `${path}.id`, message: `duplicate team id ${raw.id}` });
  else seen.add(raw.id);
  const members = raw.members;
  if (!Array.isArray(members) || members.length === 0 || members.length > 1000) errors.push({ path: `${path}.members`, message: 'must be a non-empty array of member names' });
  else members.forEach((m, j) => {
    if (typeof m !== 'string' || m.length === 0 || m.length > 128) errors.push({ path: `${path}.members.${j}`, message: 'must be a string of 1–128 characters' });
  });
  const strategy = raw.strategy ?? 'round_robin';
  if (!(ROUTING_STRATEGIES as readonly unknown[]).includes(strategy)) errors.push({ path: `${path}.strategy`, message: `must be one of ${ROUTING_STRATEGIES.join(', ')}` });
  const match = raw.match ?? [];
  if (!Array.isArray(match)) errors.push({ path: `${path}.match`, message: 'must be an array of conditions' });
  else match.forEach((c, j) => validateCondition(c, `${path}.match.${j}`, errors));
  const url = isObject(raw.webhook) ? raw.webhook.url : undefined;
  if (typeof url !== 'string' || !isHttpUrl(url) || url.length > 2048) errors.push({ path: `${path}.webhook.url`, message: 'is required: an http(s) URL' });
  return { id: raw.id as string, match: (Array.isArray(match) ? match : []) as MatchCondition[], members: members as string[], strategy: strategy as RoutingStrategy, webhook: { url: url as string } };
}

function validateCondition(raw: unknown, path: string, errors: FieldError[]): void {
  if (!isObject(raw)) {
    errors.push({ path, message: 'must be an object {field, op, value}' });
    return;
  }
  if (typeof raw.field !== 'string' || !FIELD.test(raw.field)) errors.push({ path: `${path}.field`, message: 'must be source, score, winProbability or traits.<name>' });
  if (!(MATCH_OPS as readonly unknown[]).includes(raw.op)) {
    errors.push({ path: `${path}.op`, message: `must be one of ${MATCH_OPS.join(', ')}` });
    return;
  }
  const op = raw.op as MatchOp;
  if (op === 'exists') return;
  if (op === 'in' && !Array.isArray(raw.value)) errors.push({ path: `${path}.value`, message: 'must be an array for op in' });
  if (['gt', 'gte', 'lt', 'lte'].includes(op) && typeof raw.value !== 'number') errors.push({ path: `${path}.value`, message: `must be a number for op ${op}` });
  if ((op === 'contains' || op === 'matches') && typeof raw.value !== 'string') errors.push({ path: `${path}.value`, message: `must be a string for op ${op}` });
  if (op === 'matches' && typeof raw.value === 'string') {
    const problem = patternProblem(raw.value, false);
    if (problem) errors.push({ path: `${path}.value`, message: problem });
  }
  if (raw.value === undefined) errors.push({ path: `${path}.value`, message: 'is required' });
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
