import { encodeLeadListCursor, encodeWinProbabilityCursor } from './lead-list-cursor';
import { parseLeadListParams } from './lead-list.params';

describe('parseLeadListParams', () => {
  it('reads no parameter as no filter, the first page of 100', () => {
    expect(parseLeadListParams({})).toEqual({ ok: true, params: { stage: null, minScore: null, team: null, source: null, sort: 'score', after: null, limit: 100 } });
  });

  it('reads an empty parameter as no filter', () => {
    expect(parseLeadListParams({ stage: '', minScore: '', team: '', source: '', sort: '', cursor: '', limit: '' })).toMatchObject({ ok: true, params: { stage: null, minScore: null, sort: 'score', after: null, limit: 100 } });
  });

  it('reads every filter and the cursor', () => {
    const cursor = encodeLeadListCursor({ score: '50.00', leadId: 'lead-3' });
    expect(parseLeadListParams({ stage: 'mql', minScore: '-2.5', team: 'enterprise', source: 'salon-2026', cursor, limit: '20' })).toEqual({
      ok: true, params: { stage: 'mql', minScore: '-2.5', team: 'enterprise', source: 'salon-2026', sort: 'score', after: { score: '50.00', leadId: 'lead-3' }, limit: 20 },
    });
  });

  it('reads the win-probability order with a cursor of its own', () => {
    const cursor = encodeWinProbabilityCursor({ winProbability: 0.25, leadId: 'lead-3' });
    expect(parseLeadListParams({ sort: 'winProbability', cursor })).toMatchObject({ ok: true, params: { sort: 'winProbability', after: { winProbability: 0.25, leadId: 'lead-3' } } });
  });

  it.each([
    ['stage', { stage: 'hot' }, 'stage must be one of new, mql, contacted, sql, opportunity, customer, nurture, unqualified, inactive'],
    ['stage', { stage: ['new', 'mql'] }, 'stage must be one of new, mql, contacted, sql, opportunity, customer, nurture, unqualified, inactive'],
    ['minScore', { minScore: 'fifty' }, 'minScore must be a number, e.g. 50 or -2.5'],
    ['minScore', { minScore: '1e3' }, 'minScore must be a number, e.g. 50 or -2.5'],
    ['minScore', { minScore: 'NaN' }, 'minScore must be a number, e.g. 50 or -2.5'],
    ['team', { team: 't'.repeat(65) }, 'team must be a team id of at most 64 characters'],
    ['source', { source: 's'.repeat(129) }, 'source must be a source of at most 128 characters'],
    ['sort', { sort: 'probability' }, 'sort must be one of score, winProbability'],
    ['sort', { sort: ['score', 'winProbability'] }, 'sort must be one of score, winProbability'],
    ['cursor', { cursor: 'not-a-cursor' }, 'cursor must be a nextCursor from an earlier page of this list, sorted by score'],
    ['cursor', { sort: 'winProbability', cursor: encodeLeadListCursor({ score: '50.00', leadId: 'lead-3' }) }, 'cursor must be a nextCursor from an earlier page of this list, sorted by winProbability'],
    ['limit', { limit: '501' }, 'limit must be an integer from 1 to 500'],
  ])('refuses a bad %s, saying what was expected', (path, query, message) => {
    expect(parseLeadListParams(query)).toEqual({ ok: false, errors: [{ path, message }] });
  });

  it('names every bad parameter at once', () => {
    const parsed = parseLeadListParams({ stage: 'hot', minScore: 'x', cursor: 'y', limit: '0' });
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.path)).toEqual(['stage', 'minScore', 'cursor', 'limit']);
  });
});
