import { insertDelivery, insertHandoff } from '@leadscore/persistence';
import { type AdminTestApp, startAdminApp } from '../rules/testing/start-admin-app';

jest.setTimeout(60_000);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface Page { items: Array<{ id: string; status: string; assignedTo: unknown; delivery: { id: string; attempts: number } | null }>; nextCursor: string | null }

describe('the handoffs of the ops API (real PostgreSQL)', () => {
  let admin: AdminTestApp;

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_handoffs' });
    // Five handoffs: three made within one millisecond, a microsecond apart, as one batch transaction can.
    const times = ['2026-11-23 10:00:00.123401+00', '2026-11-23 10:00:00.123402+00', '2026-11-23 10:00:00.123403+00', '2026-11-23 10:00:01+00', '2026-11-23 10:00:02+00'];
    for (const [i, at] of times.entries()) {
      const assigned = i % 2 === 0;
      await insertHandoff(admin.pool, {
        id: uuid(i + 1), leadId: i < 3 ? 'lead-a' : 'lead-b', promotion: 'mql', causeEventId: `e${i}`, teamId: assigned ? 'sales' : null,
        member: assigned ? 'ann' : null, status: assigned ? 'pending' : 'unassigned', routingVersion: 1, payload: {},
      });
      if (assigned) await insertDelivery(admin.pool, { id: `msg_${i}`, handoffId: uuid(i + 1), teamId: 'sales', url: 'https://crm.example/h', body: '{}' });
      await admin.pool.query('UPDATE handoffs SET created_at = $2 WHERE id = $1', [uuid(i + 1), at]);
    }
  });

  afterAll(async () => {
    await admin?.close();
  });

  async function all(query: string): Promise<Page['items']> {
    const items: Page['items'] = [];
    let cursor: string | null = null;
    do {
      const response = await admin.call('GET', `/v1/handoffs?limit=1${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as Page;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return items;
  }

  it('pages newest first through handoffs made in the same millisecond, none skipped or repeated', async () => {
    expect((await all('')).map((item) => item.id)).toEqual([5, 4, 3, 2, 1].map(uuid));
  });

  it('filters by lead and by status, with each handoff\'s delivery (none when unassigned)', async () => {
    expect((await all('&leadId=lead-a')).map((item) => [item.id, item.delivery?.id ?? null])).toEqual([[uuid(3), 'msg_2'], [uuid(2), null], [uuid(1), 'msg_0']]);
    const unassigned = await all('&status=unassigned');
    expect(unassigned.map((item) => [item.id, item.assignedTo, item.delivery])).toEqual([[uuid(4), null, null], [uuid(2), null, null]]);
  });

  it('refuses an unknown status and a cursor of its own making', async () => {
    expect((await admin.call('GET', '/v1/handoffs?status=lost')).status).toBe(400);
    expect((await admin.call('GET', '/v1/handoffs?cursor=nope')).status).toBe(400);
  });

  it('redelivers an assigned handoff from a fresh schedule, and says why it cannot for the others', async () => {
    await admin.pool.query(`UPDATE webhook_deliveries SET status = 'failed', attempts = 9 WHERE id = 'msg_0'`);
    await admin.pool.query(`UPDATE handoffs SET status = 'failed' WHERE id = $1`, [uuid(1)]);

    const statuses = await Promise.all([uuid(1), uuid(2), uuid(99), 'not-a-uuid'].map(async (id) => (await admin.call('POST', `/v1/handoffs/${id}/redeliver`)).status));

    expect(statuses).toEqual([202, 409, 404, 400]);
    expect((await admin.pool.query(`SELECT d.status, d.attempts, h.status AS handoff FROM webhook_deliveries d JOIN handoffs h ON h.id = d.handoff_id WHERE d.id = 'msg_0'`)).rows)
      .toEqual([{ status: 'pending', attempts: 0, handoff: 'pending' }]);
    const audit = await admin.pool.query(`SELECT kind, details FROM ops_audit ORDER BY id`);
    expect(audit.rows).toEqual([{ kind: 'handoff.redelivery_requested', details: { handoffId: uuid(1) } }]);
  });
});
