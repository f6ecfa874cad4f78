import { compileRouting, type RoutingConfig, type RoutingTeam } from '@leadscore/routing';
import { type ActiveRouting } from '../routing/routing-cache';
import { createHandoffs, type CreateHandoffsDeps, type LeadHandoffMessage, type Promotion, type WaitClock } from './create-handoffs';
import { handoffIds } from './handoff-ids';
import { InMemoryHandoffStore } from './testing/in-memory-handoff-store';

const MADE_AT = new Date(Date.UTC(2026, 10, 23, 10, 0, 1));

const promotion = (leadId: string, causeEventId: string, kind: 'mql' | 'sql' = 'mql'): Promotion => ({
  v: 1, leadId, causeEventId, seq: '1', ruleVersion: 1, occurredAt: '2026-11-23T10:00:00.000Z', score: kind === 'mql' ? 60 : 110, fitScore: 0,
  engagementScore: kind === 'mql' ? 60 : 110, previousScore: 40, stage: kind, previousStage: 'new', promotion: kind,
  reasons: [{ ruleId: 'whitepaper', points: 60 }],
});

const team = (id: string, members: string[], match: RoutingTeam['match'] = []): RoutingTeam => ({
  id, members, match, strategy: 'round_robin', webhook: { url: `https://crm.example/${id}` },
});

const routing = (...teams: RoutingTeam[]): ActiveRouting => {
  const config: RoutingConfig = { teams };
  return { version: 7, config, compiled: compileRouting(config) };
};

const ENTERPRISE = team('enterprise', ['alice', 'bob'], [{ field: 'traits.companySize', op: 'gte', value: 1000 }]);
const SMB = team('smb', ['carol']);

/** A wait clock that advances by each sleep; `onTick` sees the time after it (e.g. to commit a cause). */
function steppingClock(onTick: (ms: number) => void = () => undefined): WaitClock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    nowMs: () => now,
    sleep: async (ms) => {
      now += ms;
      slept.push(ms);
      onTick(now);
    },
  };
}

function harness(active: ActiveRouting | null = routing(ENTERPRISE, SMB), clock = steppingClock()) {
  const store = new InMemoryHandoffStore();
  const published: LeadHandoffMessage[] = [];
  const parked: number[] = [];
  const deps: CreateHandoffsDeps = {
    store, routing: () => active, now: () => MADE_AT, visibilityWaitMs: 100, waitClock: clock,
    publish: async (handoffs) => { published.push(...handoffs); },
    onParked: (count) => parked.push(count),
  };
  const commit = (leadId: string, ...eventIds: string[]) => store.commitEvents(...eventIds.map((eventId) => ({ leadId, eventId })));
  const lead = (leadId: string, traits: Record<string, unknown>, source: string | null = 'web') => store.leads.set(leadId, { traits, source, state: null });
  return { store, published, parked, deps, commit, lead, clock };
}

describe('createHandoffs', () => {
  it('routes a promotion to the first team whose conditions hold, its member in turn, with its outbox row', async () => {
    const { store, published, deps, commit, lead } = harness();
    lead('big-1', { companySize: 5000 });
    lead('big-2', { companySize: 1200 });
    lead('small', { companySize: 10 });
    commit('big-1', 'e1');
    commit('big-2', 'e2');
    commit('small', 'e3');

    const created = await createHandoffs(deps, [promotion('big-1', 'e1'), promotion('big-2', 'e2'), promotion('small', 'e3')]);

    expect(created.map((handoff) => [handoff.leadId, handoff.assignedTo])).toEqual([
      ['big-1', { team: 'enterprise', member: 'alice' }],
      ['big-2', { team: 'enterprise', member: 'bob' }],
      ['small', { team: 'smb', member: 'carol' }],
    ]);
    expect(store.handoffs.map((row) => [row.leadId, row.status, row.routingVersion])).toEqual([['big-1', 'pending', 7], ['big-2', 'pending', 7], ['small', 'pending', 7]]);
    expect(store.deliveries.map((row) => [row.id, row.teamId, row.url])).toEqual([
      [handoffIds(promotion('big-1', 'e1')).deliveryId, 'enterprise', 'https://crm.example/enterprise'],
      [handoffIds(promotion('big-2', 'e2')).deliveryId, 'enterprise', 'https://crm.example/enterprise'],
      [handoffIds(promotion('small', 'e3')).deliveryId, 'smb', 'https://crm.example/smb'],
    ]);
    expect(JSON.parse(store.deliveries[0].body)).toMatchObject({ type: 'lead.mql', timestamp: MADE_AT.toISOString(), data: { lead: { id: 'big-1', source: 'web' } } });
    expect(published).toEqual(created);
  });

  it('leaves a promotion unassigned, without a webhook, when no team matches or no routing exists', async () => {
    for (const active of [routing(ENTERPRISE), null]) {
      const { store, deps, commit, lead } = harness(active);
      lead('small', { companySize: 10 });
      commit('small', 'e1');

      const [handoff] = await createHandoffs(deps, [promotion('small', 'e1')]);

      expect(handoff).toMatchObject({ assignedTo: null, deliveryId: null });
      expect(store.handoffs.map((row) => [row.status, row.teamId, row.member])).toEqual([['unassigned', null, null]]);
      expect(store.deliveries).toEqual([]);
    }
  });

  it('routes on the active model\'s win probability: the likely buyers to one team, the rest (and leads without one) to the catch-all', async () => {
    const hot = team('hot', ['eve'], [{ field: 'winProbability', op: 'gte', value: 0.6 }]);
    const { store, deps, commit, lead } = harness(routing(hot, SMB));
    for (const id of ['likely', 'unlikely', 'unknown']) {
      lead(id, {});
      commit(id, `${id}-1`);
    }
    store.winProbabilities.set('likely', 0.73);
    store.winProbabilities.set('unlikely', 0.21);

    const made = await createHandoffs(deps, ['likely', 'unlikely', 'unknown'].map((id) => promotion(id, `${id}-1`)));

    expect(made.map((handoff) => [handoff.leadId, handoff.assignedTo?.team])).toEqual([['likely', 'hot'], ['unlikely', 'smb'], ['unknown', 'smb']]);
  });

  it('skips a promotion already handed off, and the repeat publishes nothing', async () => {
    const { store, published, deps, commit, lead } = harness();
    lead('big-1', { companySize: 5000 });
    commit('big-1', 'e1');

    const first = await createHandoffs(deps, [promotion('big-1', 'e1')]);
    const again = await createHandoffs(deps, [promotion('big-1', 'e1'), promotion('big-1', 'e1')]);

    expect(first.map((handoff) => handoff.handoffId)).toEqual([handoffIds(promotion('big-1', 'e1')).handoffId]);
    expect(again).toEqual([]);
    expect(store.handoffs).toHaveLength(1);
    expect(published).toHaveLength(1);
    expect(store.turns.get('enterprise')).toBe(1);
  });

  it('gives an SQL promotion to the member who has the lead\'s MQL', async () => {
    const { deps, commit, lead } = harness();
    lead('big-1', { companySize: 5000 });
    lead('big-2', { companySize: 5000 });
    commit('big-1', 'm1');
    commit('big-2', 'm2', 's2');

    await createHandoffs(deps, [promotion('big-1', 'm1'), promotion('big-2', 'm2')]);
    const [sql] = await createHandoffs(deps, [promotion('big-2', 's2', 'sql')]);

    expect(sql.assignedTo).toEqual({ team: 'enterprise', member: 'bob' });
  });

  it('parks a promotion whose cause is not visible after the wait, with the lead\'s later ones, and hands the others off', async () => {
    const { store, published, parked, deps, commit, lead, clock } = harness();
    lead('late', { companySize: 5000 });
    lead('on-time', { companySize: 10 });
    commit('on-time', 'on-time-1');
    commit('late', 'late-sql');

    const created = await createHandoffs(deps, [promotion('late', 'late-mql'), promotion('on-time', 'on-time-1'), promotion('late', 'late-sql', 'sql')]);

    expect(created.map((handoff) => handoff.leadId)).toEqual(['on-time']);
    expect(store.parked.map((row) => [row.message.causeEventId, row.status])).toEqual([['late-mql', 'parked'], ['late-sql', 'parked']]);
    expect(parked).toEqual([2]);
    expect(published.map((handoff) => handoff.leadId)).toEqual(['on-time']);
    expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBe(100);
  });

  it('does not take another lead\'s event of the same eventId for the cause: the promotion waits for its own lead\'s', async () => {
    const { store, deps, commit, lead } = harness();
    lead('big-1', { companySize: 5000 });
    commit('someone-else', 'e1');

    expect(await createHandoffs(deps, [promotion('big-1', 'e1')])).toEqual([]);
    expect(store.parked.map((row) => [row.message.leadId, row.message.causeEventId])).toEqual([['big-1', 'e1']]);
  });

  it('hands off a promotion whose cause commits during the wait, without parking it', async () => {
    const h = harness(routing(SMB), steppingClock((now) => { if (now >= 40) h.commit('lead-1', 'slow'); }));
    h.lead('lead-1', {});

    const created = await createHandoffs(h.deps, [promotion('lead-1', 'slow')]);

    expect(created.map((handoff) => handoff.causeEventId)).toEqual(['slow']);
    expect(h.store.parked).toEqual([]);
    expect(h.clock.slept).toEqual([20, 20]);
  });

  it('keeps nothing of a batch whose publication fails: the error reaches the caller and the batch can be retried', async () => {
    const { store, deps, commit, lead } = harness();
    lead('big-1', { companySize: 5000 });
    commit('big-1', 'e1');
    const failing: CreateHandoffsDeps = { ...deps, publish: () => Promise.reject(new Error('broker down')) };

    await expect(createHandoffs(failing, [promotion('big-1', 'e1'), promotion('gone', 'missing')])).rejects.toThrow('broker down');

    expect({ handoffs: store.handoffs, deliveries: store.deliveries, parked: store.parked, turns: store.turns.size }).toEqual({ handoffs: [], deliveries: [], parked: [], turns: 0 });
    expect(await createHandoffs(deps, [promotion('big-1', 'e1')])).toHaveLength(1);
  });
});
