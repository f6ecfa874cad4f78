import { alignLedger } from './align-ledger';
import { initialLeadState, type Ledger } from './lead-state';
import { rulesWith } from './testing/scoring.fixtures';

const v2 = rulesWith(`
  - { id: open, when: { type: email_open }, points: 1, limit: { count: 1, per: 1d }, group: email }
  - { id: visit, when: { type: page_visit }, points: 1, group: web }`);

function ledger(fields: Partial<Ledger>): Ledger {
  return { ...initialLeadState('lead-1').ledger, ...fields };
}

describe('alignLedger', () => {
  it('leaves a ledger already laid out for the rule set as it is', () => {
    const lined = ledger({ groups: ['email', 'web'], live: [100, 200], rules: ['open', 'visit'], totals: [1, 2], fit: [0, 0] });
    const { groups, live, rules } = lined;
    alignLedger(lined, v2);
    expect(lined.groups).toEqual(groups);
    expect(lined.live).toBe(live);
    expect(lined.rules).toEqual(rules);
  });

  it('shares the rule set\'s own layout arrays when the names are the same (one copy for every lead in memory)', () => {
    const stored = ledger({ layout: v2.layoutHash, groups: ['email', 'web'], live: [100, 200], rules: ['open', 'visit'], totals: [1, 2], fit: [0, 0] });
    alignLedger(stored, v2);
    expect(stored.groups).toBe(v2.engagementGroups);
    expect(stored.rules).toBe(v2.ruleIds);
    const fresh = ledger({});
    alignLedger(fresh, v2);
    expect(fresh.groups).toBe(v2.engagementGroups);
    expect(fresh.rules).toBe(v2.ruleIds);
  });

  it('keeps its own layout while it holds retired names', () => {
    const old = ledger({ groups: ['email', 'web', 'retired'], live: [0, 0, 500], rules: ['open', 'visit', 'gone'], totals: [0, 0, 500], fit: [0, 0, 0] });
    alignLedger(old, v2);
    expect(old.groups).toEqual(['email', 'web', 'retired']);
    expect(old.groups).not.toBe(v2.engagementGroups);
    expect(old.rules).toEqual(['open', 'visit', 'gone']);
  });

  it('lays out a new lead for the rule set, stamping its layout hash', () => {
    const fresh = ledger({});
    alignLedger(fresh, v2);
    expect(fresh).toMatchObject({ layout: v2.layoutHash, groups: ['email', 'web'], live: [0, 0], rules: ['open', 'visit'], totals: [0, 0], fit: [0, 0] });
  });

  it('gives different layouts different hashes, and the same layout the same hash', () => {
    const reordered = rulesWith(`
  - { id: visit, when: { type: page_visit }, points: 1, group: web }
  - { id: open, when: { type: email_open }, points: 1, group: email }`);
    const samePositions = rulesWith(`
  - { id: open, when: { type: email_click }, points: 9, group: email }
  - { id: visit, when: { type: page_visit }, points: 2, group: web }`);
    expect(reordered.layoutHash).not.toBe(v2.layoutHash);
    expect(samePositions.layoutHash).toBe(v2.layoutHash);
    expect(Number.isSafeInteger(v2.layoutHash)).toBe(true);
  });

  it('moves points by name, keeps old groups that still hold points, drops empty ones', () => {
    const old = ledger({
      groups: ['content', 'web', 'empty', 'events'],
      live: [1500, 300, 0, 0],
      decaying: [3, 86_400_000, 0, 700, 0, 86_400_000, 0, 50],
      expiring: [5_000, 1, 100],
      rules: ['paper', 'visit', 'gone'],
      windows: [1, 0, 1, 2, 86_400_000, 1],
      totals: [1500, 300, 0],
      fit: [0, 0, 0],
    });
    alignLedger(old, v2);
    expect(old).toMatchObject({
      groups: ['email', 'web', 'content', 'events'],
      live: [0, 300, 1500, 0],
      decaying: [2, 86_400_000, 0, 50, 3, 86_400_000, 0, 700],
      expiring: [5_000, 1, 100],
      rules: ['open', 'visit', 'paper'],
      totals: [0, 300, 1500],
      windows: [1, 0, 1],
    });
  });
});
