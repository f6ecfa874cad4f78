import { createHandoffs, type CreateHandoffsDeps, type LeadHandoffMessage, type Promotion } from './create-handoffs';
import { abandonParkedPromotions, resolveParkedPromotions } from './resolve-parked-promotions';
import { InMemoryHandoffStore } from './testing/in-memory-handoff-store';

const HOUR_MS = 3600_000;

const promotion = (leadId: string, causeEventId: string, kind: 'mql' | 'sql' = 'mql'): Promotion => ({
  v: 1, leadId, causeEventId, seq: '1', ruleVersion: 1, occurredAt: '2026-11-23T10:00:00.000Z', score: 60, fitScore: 0,
  engagementScore: 60, previousScore: 40, stage: kind, previousStage: 'new', promotion: kind, reasons: [],
});

function harness() {
  let databaseNowMs = 0;
  const store = new InMemoryHandoffStore(() => databaseNowMs);
  const published: LeadHandoffMessage[] = [];
  const deps: CreateHandoffsDeps = {
    store, routing: () => null, now: () => new Date(Date.UTC(2026, 10, 23)), visibilityWaitMs: 0,
    publish: async (handoffs) => { published.push(...handoffs); },
  };
  return { store, published, deps, later: (ms: number) => { databaseNowMs += ms; } };
}

describe('resolveParkedPromotions', () => {
  it('hands off nothing while the cause is missing, then the lead\'s promotions in their order once it commits', async () => {
    const { store, published, deps } = harness();
    store.commitEvents({ leadId: 'lead-1', eventId: 'sql-cause' });
    await createHandoffs(deps, [promotion('lead-1', 'mql-cause'), promotion('lead-1', 'sql-cause', 'sql')]);

    expect(await resolveParkedPromotions(deps, 100)).toEqual({ resolved: 0, created: [] });

    store.commitEvents({ leadId: 'lead-1', eventId: 'mql-cause' });
    const first = await resolveParkedPromotions(deps, 100);
    const second = await resolveParkedPromotions(deps, 100);
    expect([first.resolved, second.resolved]).toEqual([1, 1]);
    expect(published.map((handoff) => handoff.promotion)).toEqual(['mql', 'sql']);
    expect(store.parked).toEqual([]);
    expect(await resolveParkedPromotions(deps, 100)).toEqual({ resolved: 0, created: [] });
  });

  it('abandons, after the horizon, a promotion whose cause never committed, so the lead\'s later one goes on', async () => {
    const { store, published, deps, later } = harness();
    store.commitEvents({ leadId: 'lead-1', eventId: 'sql-cause' });
    await createHandoffs(deps, [promotion('lead-1', 'never'), promotion('lead-1', 'sql-cause', 'sql')]);

    later(HOUR_MS - 1);
    expect(await abandonParkedPromotions(deps, HOUR_MS)).toBe(0);
    later(2);
    expect(await abandonParkedPromotions(deps, HOUR_MS)).toBe(1);
    await resolveParkedPromotions(deps, 100);

    expect(published.map((handoff) => handoff.causeEventId)).toEqual(['sql-cause']);
    expect(store.parked.map((row) => [row.message.causeEventId, row.status])).toEqual([['never', 'abandoned']]);
  });
});
