import { freePort } from '@test/support/free-port';
import { type AdminTestApp, startAdminApp } from '../rules/testing/start-admin-app';

jest.setTimeout(90_000);

/** Feedback is a Kafka produce: when Kafka does not take it, the audit entry written beside it is rolled back. */
describe('a change that is a Kafka produce, with Kafka unreachable', () => {
  let admin: AdminTestApp;

  beforeAll(async () => {
    // The shared broker keeps running: this app is pointed at a closed port instead.
    admin = await startAdminApp({ database: 'leadscore_int_admin_audit_kafka_down', kafkaBrokers: `127.0.0.1:${await freePort()}` });
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('answers 503 to feedback and leaves no audit entry for it', async () => {
    const response = await admin.call('POST', '/v1/leads/lead-1/feedback', { body: JSON.stringify({ action: 'accept' }), contentType: 'application/json' });
    expect(response.status).toBe(503);
    const audit = (await (await admin.call('GET', '/v1/audit?kind=feedback.recorded')).json()) as { items: unknown[] };
    expect(audit.items).toEqual([]);
    const { rows } = await admin.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM ops_audit');
    expect(rows[0].n).toBe(0);
  });
});
