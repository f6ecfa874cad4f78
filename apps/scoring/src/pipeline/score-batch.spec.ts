import { type LeadEventMessage, type LeadScoreChangedMessage } from '@leadscore/contracts';
import { type NewEvent } from '@leadscore/persistence';
import { compileRuleSet, parseRuleSet, type CompiledRuleSet } from '@leadscore/scoring';
import { InMemoryScoringStore } from './testing/in-memory-scoring-store';
import { scoreBatch, type ScoreBatchDeps } from './score-batch';

const compiled = (points: number, version: number): CompiledRuleSet => {
  const parsed = parseRuleSet(`name: t\nthresholds: { mql: 10, sql: 100 }\nrules:\n  - { id: visit, when: { type: page_visit }, points: ${points} }\n`, 'yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compileRuleSet(parsed.definition, version);
};
const V1 = compiled(6, 1);
const V2 = compiled(1, 2);

const event = (n: number, leadId: string, type = 'page_visit', properties: Record<string, unknown> = {}): NewEvent => ({
  eventId: `e${n}`, leadId, type, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, n)), receivedAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
  source: null, properties, traits: null, sourceKeyId: null, producer: 'public',
});

function harness(activeVersion = 1) {
  const store = new InMemoryScoringStore(new Map([[1, V1], [2, V2]]), activeVersion);
  const published: LeadScoreChangedMessage[] = [];
  const forwarded: LeadEventMessage[] = [];
  const deps: ScoreBatchDeps = {
    store,
    ruleSet: () => V1,
    publish: async (changes) => { published.push(...changes); },
    forward: async (messages) => { forwarded.push(...messages); },
  };
  return { store, published, forwarded, deps };
}

describe('scoreBatch', () => {
  it('stores the events, writes projections and audit rows, and publishes the changes of one batch', async () => {
    const { store, published, deps } = harness();
    const outcome = await scoreBatch(deps, [event(1, 'a'), event(2, 'b'), event(3, 'a')]);
    expect(outcome).toEqual({ stored: 3, duplicates: 0, changes: 3, forwarded: 0 });
    expect([...store.projections.values()].map((row) => [row.leadId, row.score, row.stage, row.lastSeq])).toEqual([['a', 12, 'mql', '3'], ['b', 6, 'new', '2']]);
    expect(store.audit.map((row) => [row.seq, row.points])).toEqual([['1', 6], ['3', 6], ['2', 6]]);
    expect(published.map((change) => [change.causeEventId, change.promotion])).toEqual([['e1', null], ['e3', 'mql'], ['e2', null]]);
  });

  it('skips events already stored and a repeat inside the batch, scoring each once', async () => {
    const { store, deps } = harness();
    await scoreBatch(deps, [event(1, 'a')]);
    const outcome = await scoreBatch(deps, [event(1, 'a'), event(2, 'a'), event(2, 'a')]);
    expect(outcome).toMatchObject({ stored: 1, duplicates: 2 });
    expect(store.projections.get('a')).toMatchObject({ score: 12, eventCount: 2 });
  });

  it('scores the same eventId on another lead as that lead\'s own event: a lead\'s id never pre-empts another\'s', async () => {
    const { store, deps } = harness();
    await scoreBatch(deps, [event(1, 'a')]);
    const outcome = await scoreBatch(deps, [event(1, 'b'), event(1, 'a'), event(1, 'b')]);
    expect(outcome).toMatchObject({ stored: 1, duplicates: 2 });
    expect([...store.projections.values()].map((row) => [row.leadId, row.score, row.eventCount])).toEqual([['a', 6, 1], ['b', 6, 1]]);
  });

  it('scores with the version active in the transaction when the worker has not loaded it yet', async () => {
    const { store, deps } = harness(2);
    await scoreBatch(deps, [event(1, 'a')]);
    expect(store.projections.get('a')).toMatchObject({ score: 1, ruleVersion: 2 });
  });

  it('sends a merge marker to a linked id and records nothing more for it', async () => {
    const { store, forwarded, deps } = harness();
    const outcome = await scoreBatch(deps, [event(1, 'user-1', 'alias', { previousId: 'anon-1' })]);
    expect(outcome.forwarded).toBe(1);
    expect(forwarded.map((message) => [message.leadId, message.type])).toEqual([['anon-1', 'identity_merged']]);
    expect(store.forwardings).toEqual([]);
  });

  it('keeps nothing of a batch whose publication fails: the transaction rolls back and the error reaches the caller', async () => {
    const { store, deps } = harness();
    const failing: ScoreBatchDeps = { ...deps, publish: () => Promise.reject(new Error('broker down')) };
    await expect(scoreBatch(failing, [event(1, 'a')])).rejects.toThrow('broker down');
    expect({ events: store.events, projections: store.projections.size, audit: store.audit }).toEqual({ events: [], projections: 0, audit: [] });
  });
});
