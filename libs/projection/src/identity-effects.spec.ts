import { reservedProducerOf } from '@leadscore/contracts';
import { compileRuleSet, parseRuleSet, type LeadState } from '@leadscore/scoring';
import { type StoredEvent } from '@leadscore/persistence';
import { foldLeads } from './fold-leads';

const parsed = parseRuleSet('name: t\nthresholds: { mql: 50, sql: 100 }\nrules:\n  - { id: visit, when: { type: page_visit }, points: 5 }\n', 'yaml');
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const ruleSet = compileRuleSet(parsed.definition, 1);

const stored = (seq: number, leadId: string, type: string, properties: Record<string, unknown> = {}): StoredEvent => ({
  seq: String(seq), eventId: `e${seq}`, leadId, type, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, seq)), receivedAt: new Date(0),
  source: null, properties, traits: null, sourceKeyId: null, producer: reservedProducerOf(type) ?? 'public',
});

const effectsOf = (events: StoredEvent[]) =>
  foldLeads(events, new Map<string, LeadState>(), ruleSet).identity.map((effect) => [effect.kind, effect.event.seq, 'otherId' in effect ? effect.otherId : effect.into]);

describe('identity effects of a fold', () => {
  it('asks the other id to merge for an alias or an identify that links one', () => {
    expect(effectsOf([
      stored(1, 'user-1', 'alias', { previousId: 'anon-1' }),
      stored(2, 'user-2', 'identify', { anonymousId: 'anon-2' }),
      stored(3, 'user-3', 'identify', {}),
      stored(4, 'user-4', 'alias', { previousId: 'not a lead id' }),
    ])).toEqual([['link', '1', 'anon-1'], ['link', '2', 'anon-2']]);
  });

  it('reports the merge, then forwards every later event but markers and inactivity ticks', () => {
    expect(effectsOf([
      stored(1, 'anon-1', 'page_visit'),
      stored(2, 'anon-1', 'identity_merged', { into: 'user-1' }),
      stored(3, 'anon-1', 'page_visit'),
      stored(4, 'anon-1', 'inactivity_tick'),
      stored(5, 'anon-1', 'identity_merged', { into: 'user-9' }),
      stored(6, 'anon-1', 'alias', { previousId: 'anon-0' }),
    ])).toEqual([['merged', '2', 'user-1'], ['forward', '3', 'user-1'], ['forward', '6', 'user-1']]);
  });

  it('scores nothing on the merged lead after the merge, and keeps an audit row for each event', () => {
    const out = foldLeads([stored(1, 'anon-1', 'page_visit'), stored(2, 'anon-1', 'identity_merged', { into: 'user-1' }), stored(3, 'anon-1', 'page_visit')],
      new Map<string, LeadState>(), ruleSet);
    expect(out.projections[0]).toMatchObject({ leadId: 'anon-1', score: 5, eventCount: 3, state: expect.objectContaining({ mergedInto: 'user-1' }) });
    expect(out.audit.map((row) => [row.seq, row.points, row.stageChange])).toEqual([
      ['1', 5, null], ['2', 0, { note: 'merged into user-1' }], ['3', 0, { note: 'merged into user-1: forwarded' }],
    ]);
    expect(out.changes.map((change) => change.seq)).toEqual(['1']);
  });
});
