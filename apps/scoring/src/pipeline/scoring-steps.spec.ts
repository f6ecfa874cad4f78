import { type LeadEventMessage, type LeadScoreChangedMessage } from '@leadscore/contracts';
import { type BatchReport, type ConsumedMessage, runBatch } from '@leadscore/kafka';
import { type NewEvent, type StoredEvent } from '@leadscore/persistence';
import { compileRuleSet, parseRuleSet, type CompiledRuleSet } from '@leadscore/scoring';
import { InMemoryScoringStore } from './testing/in-memory-scoring-store';
import { scoringSteps, type ScoringStepsDeps } from './scoring-steps';

const compiled = (points: number, version: number): CompiledRuleSet => {
  const parsed = parseRuleSet(`name: t\nthresholds: { mql: 10, sql: 100 }\nrules:\n  - { id: visit, when: { type: page_visit }, points: ${points} }\n`, 'yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compileRuleSet(parsed.definition, version);
};
const V1 = compiled(6, 1);
const V2 = compiled(1, 2);
const NOW = new Date(Date.UTC(2026, 0, 2));

const event = (n: number, leadId: string, type = 'page_visit', properties: Record<string, unknown> = {}): NewEvent => ({
  eventId: `e${n}`, leadId, type, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, n)), receivedAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
  source: null, properties, traits: null, sourceKeyId: null, producer: 'public',
});

/** The events as the worker consumes them: lead-events messages, offsets from 0. */
const messages = (...events: Array<NewEvent | string>): ConsumedMessage[] => events.map((item, offset) => ({
  key: Buffer.from(typeof item === 'string' ? 'lead' : item.leadId),
  value: Buffer.from(typeof item === 'string' ? item : JSON.stringify({ v: 1, ...item })),
  offset: String(offset), timestamp: '0', headers: {},
}));

function harness(activeVersion = 1) {
  const store = new InMemoryScoringStore(new Map([[1, V1], [2, V2]]), activeVersion);
  const published: LeadScoreChangedMessage[] = [];
  const forwarded: LeadEventMessage[] = [];
  const sent = { changes: 0, forwarded: 0 };
  const deps: ScoringStepsDeps = {
    store,
    ruleSet: () => V1,
    publisher: {
      publish: async (changes) => void published.push(...changes),
      forward: async (out) => void forwarded.push(...out),
      sent: (counts) => {
        sent.changes += counts.changes;
        sent.forwarded += counts.forwarded;
      },
    },
  };
  const deadLettered: string[] = [];
  let commits = 0;
  const score = (batch: ConsumedMessage[], using = deps): Promise<BatchReport<StoredEvent>> => runBatch(
    { topic: 'lead-events', partition: 0, messages: batch },
    { steps: scoringSteps(using, NOW) },
    { deadLetter: async (letters) => void deadLettered.push(...letters.map((letter) => `${letter.offset}:${letter.step}`)), commit: async () => void commits++ },
  );
  return { store, published, forwarded, sent, deps, deadLettered, commits: () => commits, score };
}

describe('the scoring steps (parse → dedupe → store → fold → write → publish)', () => {
  it('stores the events, writes projections and audit rows, and publishes the changes of one batch', async () => {
    const { store, published, sent, score } = harness();
    const report = await score(messages(event(1, 'a'), event(2, 'b'), event(3, 'a')));
    expect({ stored: report.values.length, dropped: report.dropped.length, sent }).toEqual({ stored: 3, dropped: 0, sent: { changes: 3, forwarded: 0 } });
    expect([...store.projections.values()].map((row) => [row.leadId, row.score, row.stage, row.lastSeq])).toEqual([['a', 12, 'mql', '3'], ['b', 6, 'new', '2']]);
    expect(store.audit.map((row) => [row.seq, row.points])).toEqual([['1', 6], ['3', 6], ['2', 6]]);
    expect(published.map((change) => [change.causeEventId, change.promotion])).toEqual([['e1', null], ['e3', 'mql'], ['e2', null]]);
  });

  it('drops events already stored and a repeat inside the batch, naming the step that dropped each, and scores each once', async () => {
    const { store, score } = harness();
    await score(messages(event(1, 'a')));
    const report = await score(messages(event(1, 'a'), event(2, 'a'), event(2, 'a')));
    expect(report.values.map((stored) => stored.eventId)).toEqual(['e2']);
    expect(report.dropped.map((decision) => [decision.message.offset, decision.step])).toEqual([['0', 'store-events'], ['2', 'dedupe-events']]);
    expect(store.projections.get('a')).toMatchObject({ score: 12, eventCount: 2 });
  });

  it('scores the same eventId on another lead as that lead\'s own event: a lead\'s id never pre-empts another\'s', async () => {
    const { store, score } = harness();
    await score(messages(event(1, 'a')));
    const report = await score(messages(event(1, 'b'), event(1, 'a'), event(1, 'b')));
    expect(report.values.map((stored) => [stored.leadId, stored.eventId])).toEqual([['b', 'e1']]);
    expect(report.dropped.map((decision) => [decision.message.offset, decision.step])).toEqual([['1', 'store-events'], ['2', 'dedupe-events']]);
    expect([...store.projections.values()].map((row) => [row.leadId, row.score, row.eventCount])).toEqual([['a', 6, 1], ['b', 6, 1]]);
  });

  it('dead-letters what does not parse as parse-message, and scores its batch-mates', async () => {
    const { store, deadLettered, score } = harness();
    const report = await score(messages(event(1, 'a'), '{not json', event(2, 'a')));
    expect(deadLettered).toEqual(['1:parse-message']);
    expect(report.values).toHaveLength(2);
    expect(store.events.map((stored) => stored.eventId)).toEqual(['e1', 'e2']);
  });

  it('scores with the version active in the transaction when the worker has not loaded it yet', async () => {
    const { store, score } = harness(2);
    await score(messages(event(1, 'a')));
    expect(store.projections.get('a')).toMatchObject({ score: 1, ruleVersion: 2 });
  });

  it('sends a merge marker to a linked id and records nothing more for it', async () => {
    const { store, forwarded, sent, score } = harness();
    await score(messages(event(1, 'user-1', 'alias', { previousId: 'anon-1' })));
    expect(sent.forwarded).toBe(1);
    expect(forwarded.map((message) => [message.leadId, message.type])).toEqual([['anon-1', 'identity_merged']]);
    expect(store.forwardings).toEqual([]);
  });

  it('keeps nothing of a batch whose publication fails and commits no offset: the transaction rolls back and the error reaches the transport', async () => {
    const { store, deps, commits, score } = harness();
    const failing: ScoringStepsDeps = { ...deps, publisher: { ...deps.publisher, publish: () => Promise.reject(new Error('broker down')) } };
    await expect(score(messages(event(1, 'a')), failing)).rejects.toThrow('broker down');
    expect({ events: store.events, projections: store.projections.size, audit: store.audit, commits: commits() }).toEqual({ events: [], projections: 0, audit: [], commits: 0 });
  });
});
