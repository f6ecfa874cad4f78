import { reservedProducerOf } from '@leadscore/contracts';
import { type StoredEvent } from '@leadscore/persistence';
import { compileRuleSet, parseRuleSet, type LeadState } from '@leadscore/scoring';
import { foldLeads } from './fold-leads';

const RULES = `
name: t
thresholds: { mql: 10, sql: 100 }
rules:
  - { id: whitepaper, when: { type: whitepaper_download }, points: 8 }
  - { id: careers, when: { type: page_visit, where: [{ field: properties.url, op: contains, value: /careers }] }, points: -3 }
`;
const parsed = parseRuleSet(RULES, 'yaml');
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const ruleSet = compileRuleSet(parsed.definition, 7);

const stored = (seq: number, leadId: string, type: string, url?: string): StoredEvent => ({
  seq: String(seq), eventId: `e${seq}`, leadId, type, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, seq)), receivedAt: new Date(0),
  source: null, properties: url ? { url } : {}, traits: null, sourceKeyId: null, producer: reservedProducerOf(type) ?? 'public',
});

describe('foldLeads', () => {
  const events = [stored(1, 'a', 'whitepaper_download'), stored(2, 'b', 'page_visit', '/careers'), stored(3, 'a', 'whitepaper_download')];
  const out = foldLeads(events, new Map<string, LeadState>(), ruleSet);

  it('writes one projection per lead with its last seq', () => {
    expect(out.projections.map((p) => [p.leadId, p.score, p.eventCount, p.lastSeq, p.ruleVersion])).toEqual([
      ['a', 16, 2, '3', 7],
      ['b', -3, 1, '2', 7],
    ]);
  });

  it('writes one audit row per event with the points it earned and the rule version', () => {
    expect(out.audit.map((a) => [a.seq, a.leadId, a.points, a.scoreAfter, a.ruleVersion])).toEqual([
      ['1', 'a', 8, 8, 7],
      ['3', 'a', 8, 16, 7],
      ['2', 'b', -3, -3, 7],
    ]);
  });

  it('publishes a change for each event that moved a score or a stage, with the promotion when one is due', () => {
    const forA = out.changes.filter((c) => c.leadId === 'a');
    expect(forA.map((c) => [c.causeEventId, c.previousScore, c.score, c.previousStage, c.stage, c.promotion])).toEqual([
      ['e1', 0, 8, 'new', 'new', null],
      ['e3', 8, 16, 'new', 'mql', 'mql'],
    ]);
  });

  it('continues from a stored state instead of starting over', () => {
    const first = foldLeads([stored(1, 'a', 'whitepaper_download')], new Map(), ruleSet);
    const state = first.projections[0].state as LeadState;
    const second = foldLeads([stored(3, 'a', 'whitepaper_download')], new Map([['a', state]]), ruleSet);
    expect(second.projections[0]).toMatchObject({ score: 16, eventCount: 2, stage: 'mql' });
  });

  it('gives a rebuild (replay) the same projections and audit rows, without what only live scoring sends', () => {
    const rebuilt = foldLeads(events, new Map<string, LeadState>(), ruleSet, 'rebuild');
    expect(rebuilt.projections).toEqual(out.projections);
    expect(rebuilt.audit).toEqual(out.audit);
    expect(out.changes.length).toBeGreaterThan(0);
    expect(rebuilt).toMatchObject({ changes: [], identity: [] });
  });
});
