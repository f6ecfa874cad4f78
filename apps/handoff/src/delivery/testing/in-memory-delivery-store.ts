import { type AttemptRecord, type ClaimOptions, type DueDelivery, type TeamEndpointState } from '@leadscore/persistence';
import { type DeliveryStore } from '../delivery-store.port';

export interface InMemoryTeam {
  secrets: string[];
  disabled: boolean;
}

export interface InMemoryDelivery {
  id: string;
  handoffId: string;
  teamId: string;
  url: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAtMs: number;
  leaseUntilMs: number | null;
  leaseToken: string | null;
  firstAttemptAtMs: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
}

/**
 * The delivery store in memory, for unit tests of the delivery steps: teams and outbox rows set by
 * the test, times from the test's clock, lease tokens numbered in order (deterministic).
 */
export class InMemoryDeliveryStore implements DeliveryStore {
  readonly teams = new Map<string, InMemoryTeam>();
  readonly deliveries: InMemoryDelivery[] = [];
  private nextToken = 1;

  constructor(private readonly nowMs: () => number) {}

  /** An outbox row as `insertDelivery` writes it: pending, due now, never attempted. */
  addDelivery(row: Pick<InMemoryDelivery, 'id' | 'handoffId' | 'teamId' | 'url' | 'body'>): InMemoryDelivery {
    const delivery: InMemoryDelivery = {
      ...row, status: 'pending', attempts: 0, nextAttemptAtMs: this.nowMs(), leaseUntilMs: null, leaseToken: null,
      firstAttemptAtMs: null, lastStatusCode: null, lastError: null,
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  async teamEndpointState(teamId: string): Promise<TeamEndpointState | null> {
    const team = this.teams.get(teamId);
    return team ? { secrets: [...team.secrets], disabled: team.disabled } : null;
  }

  async disableTeamWebhook(teamId: string): Promise<void> {
    const team = this.teams.get(teamId);
    if (team) team.disabled = true;
  }

  async claimDueDeliveries(options: ClaimOptions): Promise<DueDelivery[]> {
    const now = this.nowMs();
    const leased = (row: InMemoryDelivery) => row.status === 'pending' && row.leaseUntilMs !== null && row.leaseUntilMs >= now;
    const due = this.deliveries
      .filter((row) => row.status === 'pending' && row.nextAttemptAtMs <= now && !leased(row))
      .sort((a, b) => a.nextAttemptAtMs - b.nextAttemptAtMs);
    const claimed: InMemoryDelivery[] = [];
    for (const row of due) {
      if (claimed.length >= options.limit) break;
      if (this.deliveries.filter((other) => other.teamId === row.teamId && leased(other)).length >= options.perTeam) continue;
      row.leaseUntilMs = now + options.leaseMs;
      row.leaseToken = `lease-${this.nextToken++}`;
      claimed.push(row);
    }
    return claimed.map((row) => ({
      id: row.id, handoffId: row.handoffId, teamId: row.teamId, url: row.url, body: row.body, attempts: row.attempts,
      firstAttemptAt: row.firstAttemptAtMs === null ? null : new Date(row.firstAttemptAtMs), leaseToken: row.leaseToken!,
    }));
  }

  async recordAttempt(claim: { id: string; leaseToken: string }, attempt: AttemptRecord): Promise<boolean> {
    const row = this.deliveries.find((candidate) => candidate.id === claim.id && candidate.leaseToken === claim.leaseToken && candidate.status === 'pending');
    if (!row) return false;
    const now = this.nowMs();
    Object.assign(row, {
      attempts: row.attempts + 1, firstAttemptAtMs: row.firstAttemptAtMs ?? now, leaseUntilMs: null, leaseToken: null,
      status: attempt.kind === 'retry' ? 'pending' : attempt.kind, lastStatusCode: attempt.statusCode,
      lastError: attempt.kind === 'delivered' ? null : attempt.error, nextAttemptAtMs: now + (attempt.kind === 'retry' ? attempt.retryInMs : 0),
    });
    return true;
  }
}
