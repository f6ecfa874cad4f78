import { type Pool, type PoolClient } from 'pg';

/**
 * Leadership among the instances of an app: the one holding a session-level advisory lock on a
 * connection it keeps. A crash (or a broken connection) frees the lock for another instance.
 */
export class SessionLeadership {
  private holder: PoolClient | null = null;

  /** `onTaken`: called each time this instance takes the lock (to log it). */
  constructor(private readonly pool: Pool, private readonly key: number, private readonly onTaken: () => void = () => undefined) {}

  /** True when this instance leads: it takes the lock if free, and keeps it once taken. */
  async lead(): Promise<boolean> {
    if (this.holder) return true;
    const client = await this.pool.connect();
    try {
      const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [this.key]);
      if (result.rows[0].locked) {
        this.holder = client;
        this.onTaken();
        return true;
      }
    } catch (error) {
      client.release(true);
      throw error;
    }
    client.release();
    return false;
  }

  /**
   * Lets the lock go, then closes its connection (not pooled back). On a broken connection the
   * unlock fails and the server frees the lock when it sees the connection gone.
   */
  async resign(): Promise<void> {
    const holder = this.holder;
    this.holder = null;
    if (!holder) return;
    await holder.query('SELECT pg_advisory_unlock($1)', [this.key]).catch(() => undefined);
    holder.release(true);
  }
}
