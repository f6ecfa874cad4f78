import { encodeLeadListCursor } from './lead-list-cursor';
import { parseLeadListParams } from './lead-list.params';

describe('parseLeadListParams', () => {
  it('reads no parameter as no filter, the first page of 100', () => {
    expect(parseLeadListParams({})).toEqual({ ok: true, params: { stage: null, minScore: null, team: null, source: null, after: null, limit: 100 } });
  });

  it('reads an empty parameter as no filter', () => {
    expect(parseLeadListParams({ stage: '', minScore: '', team: '', source: '', cursor: '', limit: '' })).toMatchObject({ ok: true, params: { stage: null, minScore: null, after: null, limit: 100 } });
  });

  it('reads every filter and the cursor', () => {
    const cursor = encodeLeadListCursor({ score: '50.00', leadId: 'lead-3' });
    expect(parseLeadListParams({ stage: 'mql', minScore: '-2.5', team: 'enterprise', source: 'salon-2026', cursor, limit: '20' })).toEqual({
      ok: true, params: { stage: 'mql', minScore: '-2.5', team: 'enterprise', source: 'salon-2026', after: { score: '50.00', leadId: 'lead-3' }, limit: 20 },
    });
  });

  it.each([
    ['stage', { stage: 'hot' }, 'stage must be one of new, mql, contacted, sql, opportunity, customer, nurture, unqualified, inactive'],
    ['stage', { stage: ['new', 'mql'] }, 'stage must be one of new, mql, contacted, sql, opportunity, customer, nurture, unqualified, inactive'],
    ['minScore', { minScore: 'fifty' }, 'minScore must be a number, e.g. 50 or -2.5'],
    ['minScore', { minScore: '1e3' }, 'minScore must be a number, e.g. 50 or -2.5'],
    ['minScore', { minScore: 'NaN' }, 'minScore must be a number, e.g. 50 or -2.5'],
    ['team', { team: 't'.repeat(65) }, 'team must be a team id of at most 64 characters'],
    ['source', { source: 's'.repeat(129) }, 'source must be a source of at most 128 characters'],
    ['cursor', { cursor: 'not-a-cursor' }, 'cursor must be a nextCursor from an earlier page of this list'],
    ['limit', { limit: '501' }, 'limit must be an integer from 1 to 500'],
  ])('refuses a bad %s, saying what was expected', (path, query, message) => {
    expect(parseLeadListParams(query)).toEqual({ ok: false, errors: [{ path, message }] });
  });

  it('names every bad parameter at once', () => {
    const parsed = parseLeadListParams({ stage: 'hot', minScore: 'x', cursor: 'y', limit: '0' });
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.path)).toEqual(['stage', 'minScore', 'cursor', 'limit']);
  });
});
