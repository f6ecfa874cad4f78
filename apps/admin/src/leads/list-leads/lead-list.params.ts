import { type FieldError, MAX_SOURCE_LENGTH, STAGES, type Stage } from '@leadscore/contracts';
import { decodeLeadListCursor, decodeWinProbabilityCursor, type LeadListPosition, type WinProbabilityPosition } from './lead-list-cursor';
import { parsePageLimit } from '@leadscore/http';

/** The orders of the lead list: by score (the default), or by the active model's stored win probability. */
export const LEAD_LIST_SORTS = ['score', 'winProbability'] as const;
export type LeadListSort = (typeof LEAD_LIST_SORTS)[number];

/** `GET /v1/leads` once checked: every filter is optional; an empty parameter means no filter. */
export type LeadListParams = LeadListFilters & LeadListOrder;

/** The order and where the page starts in it: a cursor pages only the order it came from. */
export type LeadListOrder = { sort: 'score'; after: LeadListPosition | null } | { sort: 'winProbability'; after: WinProbabilityPosition | null };

export interface LeadListFilters {
  stage: Stage | null;
  /** Exact decimal text, compared as numeric in SQL. */
  minScore: string | null;
  team: string | null;
  source: string | null;
  limit: number;
}

export const DEFAULT_LEAD_LIST_LIMIT = 100;

const DECIMAL = /^-?\d{1,15}(?:\.\d{1,15})?$/;
const MAX_TEAM_LENGTH = 64;

/** Reads the query string; the errors name every bad parameter, not only the first. */
export function parseLeadListParams(query: Record<string, unknown>): { ok: true; params: LeadListParams } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  // One optional parameter: absent or empty → null; present → `read` it, else an error saying what was expected.
  const param = <T>(name: string, read: (value: string) => T | null, expected: string): T | null => {
    const value = query[name];
    if (value === undefined || value === '') return null;
    const parsed = typeof value === 'string' ? read(value) : null;
    if (parsed === null) errors.push({ path: name, message: `${name} must be ${expected}` });
    return parsed;
  };
  const within = (max: number) => (value: string) => (value.length <= max ? value : null);
  const params = {
    stage: param('stage', (value) => STAGES.find((stage) => stage === value) ?? null, `one of ${STAGES.join(', ')}`),
    minScore: param('minScore', (value) => (DECIMAL.test(value) ? value : null), 'a number, e.g. 50 or -2.5'),
    team: param('team', within(MAX_TEAM_LENGTH), `a team id of at most ${MAX_TEAM_LENGTH} characters`),
    source: param('source', within(MAX_SOURCE_LENGTH), `a source of at most ${MAX_SOURCE_LENGTH} characters`),
  };
  const sort = param('sort', (value) => LEAD_LIST_SORTS.find((known) => known === value) ?? null, `one of ${LEAD_LIST_SORTS.join(', ')}`) ?? 'score';
  const expected = `a nextCursor from an earlier page of this list, sorted by ${sort}`;
  const order: LeadListOrder = sort === 'winProbability'
    ? { sort, after: param('cursor', decodeWinProbabilityCursor, expected) }
    : { sort, after: param('cursor', decodeLeadListCursor, expected) };
  const limit = parsePageLimit(query.limit, DEFAULT_LEAD_LIST_LIMIT);
  if (typeof limit !== 'number') errors.push(limit);
  return errors.length > 0 || typeof limit !== 'number' ? { ok: false, errors } : { ok: true, params: { ...params, ...order, limit } };
}
