import { type ContextLogger } from '@leadscore/observability';
import { type ActiveRuleSet } from './active-rule-set';
import { RuleSetRefresher } from './rule-set-refresher';

/** A stand-in for the active rule set whose refreshes finish when the test says so. */
function fakeRules(versions: number[]) {
  const pending: Array<() => void> = [];
  let version = 0;
  let calls = 0;
  const rules = {
    get activeVersion() {
      return version;
    },
    refresh: () =>
      new Promise<boolean>((resolve) => {
        calls++;
        pending.push(() => {
          const next = versions.shift() ?? version;
          const changed = next !== version;
          version = next;
          resolve(changed);
        });
      }),
  } as unknown as ActiveRuleSet;
  return { rules, pending, calls: () => calls };
}

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as ContextLogger;
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('RuleSetRefresher.refreshNow', () => {
  it('reports a new version once it is read', async () => {
    const fake = fakeRules([2]);
    const seen: number[] = [];
    const refresher = new RuleSetRefresher(fake.rules, silentLog, (version) => seen.push(version));
    const done = refresher.refreshNow();
    fake.pending.shift()!();
    await done;
    expect(seen).toEqual([2]);
  });

  it('never runs two refreshes at once, and runs one more for signals that came meanwhile', async () => {
    const fake = fakeRules([2, 3]);
    const seen: number[] = [];
    const refresher = new RuleSetRefresher(fake.rules, silentLog, (version) => seen.push(version));
    const first = refresher.refreshNow();
    const second = refresher.refreshNow();
    const third = refresher.refreshNow();
    expect(fake.calls()).toBe(1);
    fake.pending.shift()!();
    await flush();
    expect(fake.calls()).toBe(2);
    fake.pending.shift()!();
    await Promise.all([first, second, third]);
    expect(fake.calls()).toBe(2);
    expect(seen).toEqual([2, 3]);
  });

  it('keeps going after a failed refresh', async () => {
    const errors: unknown[] = [];
    const log = { ...silentLog, error: (_msg: string, fields: { error: unknown }) => errors.push(fields.error) } as unknown as ContextLogger;
    let fail = true;
    const rules = { activeVersion: 4, refresh: async () => (fail ? Promise.reject(new Error('db down')) : true) } as unknown as ActiveRuleSet;
    const seen: number[] = [];
    const refresher = new RuleSetRefresher(rules, log, (version) => seen.push(version));
    await refresher.refreshNow();
    fail = false;
    await refresher.refreshNow();
    expect(errors).toHaveLength(1);
    expect(seen).toEqual([4]);
  });
});
