import { initialLeadState } from '@leadscore/scoring';
import { LeadStateCache } from './lead-state-cache';

const entry = (leadId: string, lastSeq: string, generation = 1) => ({ generation, lastSeq, state: initialLeadState(leadId) });

describe('LeadStateCache', () => {
  it('gives back what a batch committed, the latest per lead', () => {
    const cache = new LeadStateCache(10);
    cache.remember('a', entry('a', '1'));
    cache.remember('a', entry('a', '7'));
    expect(cache.get('a')).toMatchObject({ generation: 1, lastSeq: '7', state: { leadId: 'a' } });
    expect(cache.get('b')).toBeUndefined();
  });

  it('keeps at most its capacity, dropping the least recently used first', () => {
    const cache = new LeadStateCache(2);
    cache.remember('a', entry('a', '1'));
    cache.remember('b', entry('b', '2'));
    cache.get('a');
    cache.remember('c', entry('c', '3'));
    expect([cache.get('a')?.lastSeq, cache.get('b'), cache.get('c')?.lastSeq]).toEqual(['1', undefined, '3']);
    expect(cache.size).toBe(2);
  });

  it('forgets everything when cleared (a group rejoin)', () => {
    const cache = new LeadStateCache(10);
    cache.remember('a', entry('a', '1'));
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing with a capacity of 0 (LEAD_STATE_CACHE_SIZE=0: every batch reads its states)', () => {
    const cache = new LeadStateCache(0);
    cache.remember('a', entry('a', '1'));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
