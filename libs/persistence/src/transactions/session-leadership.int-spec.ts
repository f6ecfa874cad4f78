import { type Pool } from 'pg';
import { migratedDatabase } from '@test/support/test-database';
import { createPgPool } from '../pg-pool';
import { SessionLeadership } from './session-leadership';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';
// A key of this test alone (ADVISORY_LOCKS keeps the apps' keys apart; this database is the test's own).
const KEY = 7_461_299_001;

jest.setTimeout(60_000);

describe('SessionLeadership against PostgreSQL', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_session_leadership'), 4);
  });
  afterAll(() => pool.end());

  it('given two instances, then the first to ask leads and keeps it, the other does not, until the leader resigns', async () => {
    const taken: string[] = [];
    const first = new SessionLeadership(pool, KEY, () => taken.push('first'));
    const second = new SessionLeadership(pool, KEY, () => taken.push('second'));
    expect(await first.lead()).toBe(true);
    expect(await second.lead()).toBe(false);
    expect(await first.lead()).toBe(true);
    await first.resign();
    expect(await second.lead()).toBe(true);
    expect(await first.lead()).toBe(false);
    await second.resign();
    expect(taken).toEqual(['first', 'second']);
  });

  it('gives its connection back to the pool when it does not lead', async () => {
    const leader = new SessionLeadership(pool, KEY);
    const others = Array.from({ length: 6 }, () => new SessionLeadership(pool, KEY));
    expect(await leader.lead()).toBe(true);
    for (const other of others) expect(await other.lead()).toBe(false);
    expect(pool.totalCount - pool.idleCount).toBe(1);
    await leader.resign();
  });
});
