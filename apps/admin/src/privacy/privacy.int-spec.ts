import { type AdminTestApp, startAdminApp } from '../rules/testing/start-admin-app';

jest.setTimeout(60_000);

describe('privacy routes of the ops API (real PostgreSQL, Kafka, Redis)', () => {
  let admin: AdminTestApp;

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_privacy', namespace: `t-privacy-routes-${Date.now().toString(36)}` });
    await admin.pool.query(`INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at, properties, traits)
      VALUES ('pv-1', 'lead-export', 'identify', now(), now(), '{}', '{"email":"export@mail.example"}')`);
  });

  afterAll(async () => {
    await admin?.close();
  });

  it.each([
    ['DELETE', '/v1/leads/not%20ok', 400, 'leadId'],
    ['GET', '/v1/leads/not%20ok/export', 400, 'leadId'],
    ['GET', '/v1/erasures/nope', 404, 'erasureId'],
    ['GET', '/v1/erasures/00000000-0000-4000-8000-000000000009', 404, 'erasureId'],
    ['GET', '/v1/leads/nobody/export', 404, 'leadId'],
  ])('answers %s %s with %i naming %s', async (method, path, status, errorPath) => {
    const response = await admin.call(method, path);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toEqual([errorPath]);
  });

  it.each([['DELETE', '/v1/leads/lead-export'], ['GET', '/v1/leads/lead-export/export'], ['GET', '/v1/erasures/00000000-0000-4000-8000-000000000009']])(
    'refuses %s %s without the admin token', async (method, path) => {
      expect((await admin.call(method, path, { token: null })).status).toBe(401);
    },
  );

  it('exports the stored events of a lead with its traits', async () => {
    const response = await admin.call('GET', '/v1/leads/lead-export/export');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { leadIds: string[]; events: Array<{ event_id: string; traits: unknown }>; handoffs: unknown[] };
    expect(document.leadIds).toEqual(['lead-export']);
    expect(document.events.map((e) => [e.event_id, e.traits])).toEqual([['pv-1', { email: 'export@mail.example' }]]);
    expect(document.handoffs).toEqual([]);
  });

  it('erases a lead no consumer has read (no group committed yet), joins a repeated request, and counts it', async () => {
    const first = await admin.call('DELETE', '/v1/leads/lead-export');
    expect(first.status).toBe(202);
    const { erasureId } = (await first.json()) as { erasureId: string };
    const repeated = (await (await admin.call('DELETE', '/v1/leads/lead-export')).json()) as { erasureId: string };
    const deadline = Date.now() + 30_000;
    let status: { status: string; deleted: Record<string, number> } = { status: 'running', deleted: {} };
    while (status.status !== 'done' && Date.now() < deadline) {
      status = (await (await admin.call('GET', `/v1/erasures/${erasureId}`)).json()) as typeof status;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toMatchObject({ status: 'done', deleted: { lead_events: 1 } });
    // Joined while it ran, or a second erasure of nothing once the first was done: never a second copy.
    if (repeated.erasureId !== erasureId) {
      const second = (await (await admin.call('GET', `/v1/erasures/${repeated.erasureId}`)).json()) as { deleted: Record<string, number> };
      expect(Object.values(second.deleted).every((n) => n === 0)).toBe(true);
    }
    expect((await admin.call('GET', '/v1/leads/lead-export/export')).status).toBe(404);
    const row = (await admin.pool.query(`SELECT lead_ids, id_hashes FROM erasures WHERE id = $1`, [erasureId])).rows[0];
    expect(row.lead_ids).toEqual([]);
    expect(row.id_hashes).toHaveLength(1);
    expect(JSON.stringify(row)).not.toContain('lead-export');
    const metrics = await (await fetch(`${admin.url}/metrics`)).text();
    expect(metrics).toMatch(/leadscore_erasures_total\{outcome="done"[^}]*\} 1/);
  });
});
