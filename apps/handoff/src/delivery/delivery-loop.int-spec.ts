import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Pool } from 'pg';
import { claimDueDeliveries, createPgPool, insertDelivery, insertHandoff, recordAttempt, resetDelivery } from '@leadscore/persistence';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { formatSecret } from '@leadscore/routing';
import { migratedDatabase } from '@test/support/test-database';
import { waitFor } from '@test/support/wait-for';
import { handoffMetrics } from '../handoff.metrics';
import { DeliveryLoop } from './delivery-loop';
import { pgDeliveryStore } from './pg-delivery-store';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

/** A receiver on 127.0.0.1 that records each request and answers it with `answer` (or never). */
function receiver(answer: ((res: ServerResponse) => void) | null) {
  const seen: Array<{ id: string; at: number }> = [];
  let open = 0;
  let mostOpen = 0;
  const held: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push({ id: String(req.headers['webhook-id']), at: Date.now() });
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    res.on('close', () => { open -= 1; });
    req.resume();
    if (answer) answer(res);
    else held.push(res);
  });
  return {
    seen, held, server,
    get open() { return open; },
    get mostOpen() { return mostOpen; },
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    close: () => new Promise<void>((resolve) => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('DeliveryLoop against PostgreSQL and local receivers', () => {
  let pool: Pool;
  let seq = 0;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_delivery_loop'), 8);
    for (const team of ['slow', 'fast', 'fenced']) {
      await pool.query(`INSERT INTO routing_teams (team_id, secret) VALUES ($1, $2)`, [team, formatSecret(randomBytes(24))]);
    }
  });

  afterAll(async () => {
    await pool?.end();
  });

  async function addDelivery(teamId: string, url: string): Promise<string> {
    seq += 1;
    const handoffId = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
    const deliveryId = `msg_${teamId}_${seq}`;
    await insertHandoff(pool, {
      id: handoffId, leadId: `lead-${seq}`, promotion: 'mql', causeEventId: `evt-${seq}`, teamId, member: 'alice', status: 'pending', routingVersion: 1, payload: {},
    });
    await insertDelivery(pool, { id: deliveryId, handoffId, teamId, url, body: JSON.stringify({ n: seq }) });
    return deliveryId;
  }

  async function deliveryRow(id: string): Promise<{ status: string; attempts: number; last_error: string | null }> {
    return (await pool.query(`SELECT status, attempts, last_error FROM webhook_deliveries WHERE id = $1`, [id])).rows[0];
  }

  function loop(attemptTimeoutMs: number): DeliveryLoop {
    return new DeliveryLoop(
      {
        store: pgDeliveryStore(pool), lookup: async () => [{ address: '127.0.0.1', family: 4 }], allowPrivate: true, scheduleMs: [60_000], attemptTimeoutMs,
        now: () => Date.now(), random: () => 0.5,
      },
      {
        concurrency: 4, perTeam: 2, leaseMs: attemptTimeoutMs + 5000, pollMs: 50,
        metrics: handoffMetrics(new Metrics('handoff-test')), log: new JsonLogger('handoff-test', 'error').child('delivery'),
      },
    );
  }

  it('delivers to a fast team at once while a slow receiver holds its requests, which never take more than the team\'s share of slots', async () => {
    const slow = receiver(null);
    const fast = receiver((res) => res.writeHead(200).end());
    const slowUrl = await slow.listen();
    const fastUrl = await fast.listen();
    const slowIds: string[] = [];
    for (let i = 0; i < 6; i += 1) slowIds.push(await addDelivery('slow', slowUrl));
    const delivery = loop(4000);
    delivery.start();
    try {
      await waitFor('the slow receiver holds two requests', async () => (slow.open === 2 ? true : undefined), 5000);
      const fastId = await addDelivery('fast', fastUrl);
      delivery.wake();
      await waitFor('the fast delivery recorded', async () => ((await deliveryRow(fastId)).status === 'delivered' ? true : undefined), 3000);
      // The fast team was served while the slow team's first attempts were still waiting for an answer.
      expect(slow.held.every((res) => !res.writableEnded)).toBe(true);
      expect(slow.open).toBe(2);
      expect(fast.seen.map((hit) => hit.id)).toEqual([fastId]);
      // The 4 s per-attempt timeout ends each slow attempt as a retry, and the next ones start, never more than two at once.
      await waitFor('every slow delivery attempted once', async () => {
        const rows = await Promise.all(slowIds.map((id) => deliveryRow(id)));
        return rows.every((row) => row.attempts === 1) ? rows : undefined;
      }, 30_000).then((rows) => {
        for (const row of rows) expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'no answer within 4000 ms' });
      });
      expect(slow.mostOpen).toBe(2);
    } finally {
      await delivery.stop();
      await slow.close();
      await fast.close();
    }
  });

  /** Takes earlier tests' deliveries out of the way of a direct claim. */
  async function settleOutbox(): Promise<void> {
    await pool.query(`UPDATE webhook_deliveries SET status = 'delivered', lease_until = NULL WHERE status = 'pending'`);
  }

  it('refuses the late outcome of an attempt whose lease ran out and was claimed again', async () => {
    await settleOutbox();
    const id = await addDelivery('fenced', 'http://127.0.0.1:9/hook');
    const [stale] = await claimDueDeliveries(pool, { limit: 1, leaseMs: 50, perTeam: 2 });
    expect(stale.id).toBe(id);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const [current] = await claimDueDeliveries(pool, { limit: 1, leaseMs: 20_000, perTeam: 2 });
    expect(current.id).toBe(id);
    expect(current.leaseToken).not.toBe(stale.leaseToken);

    const client = await pool.connect();
    try {
      expect(await recordAttempt(client, current, { kind: 'delivered', statusCode: 200 })).toBe(true);
      expect(await recordAttempt(client, stale, { kind: 'retry', statusCode: 500, error: 'receiver answered 500', retryInMs: 5000 })).toBe(false);
    } finally {
      client.release();
    }
    expect(await deliveryRow(id)).toEqual({ status: 'delivered', attempts: 1, last_error: null });
    expect((await pool.query(`SELECT h.status FROM handoffs h JOIN webhook_deliveries d ON d.handoff_id = h.id WHERE d.id = $1`, [id])).rows[0].status).toBe('delivered');
  });

  it('refuses the outcome of an attempt overtaken by a redelivery', async () => {
    await settleOutbox();
    const id = await addDelivery('fenced', 'http://127.0.0.1:9/hook');
    const [attempt] = await claimDueDeliveries(pool, { limit: 1, leaseMs: 20_000, perTeam: 2 });
    expect(attempt.id).toBe(id);
    const client = await pool.connect();
    try {
      const handoffId = (await pool.query(`SELECT handoff_id FROM webhook_deliveries WHERE id = $1`, [id])).rows[0].handoff_id as string;
      expect(await resetDelivery(client, handoffId)).toBe(true);
      expect(await recordAttempt(client, attempt, { kind: 'failed', statusCode: 500, error: 'receiver answered 500' })).toBe(false);
    } finally {
      client.release();
    }
    expect(await deliveryRow(id)).toEqual({ status: 'pending', attempts: 0, last_error: null });
  });

  it('leases no more than the team\'s share, whatever the limit', async () => {
    await settleOutbox();
    for (let i = 0; i < 5; i += 1) await addDelivery('fenced', 'http://127.0.0.1:9/hook');
    const first = await claimDueDeliveries(pool, { limit: 10, leaseMs: 20_000, perTeam: 2 });
    expect(first).toHaveLength(2);
    expect(await claimDueDeliveries(pool, { limit: 10, leaseMs: 20_000, perTeam: 2 })).toHaveLength(0);
  });
});
