import { type AttemptRecord, type ClaimOptions, type DueDelivery, type TeamEndpointState } from '@leadscore/persistence';

/** What webhook delivery reads and writes: the store side of `deliverOne` and the delivery loop, in memory in unit tests. */
export interface DeliveryStore {
  /** The team's signing secrets and whether a 410 disabled its endpoint; null for a team without a row. */
  teamEndpointState(teamId: string): Promise<TeamEndpointState | null>;
  /** A 410 Gone from the receiver: no more sending to this team until its routing is submitted again. */
  disableTeamWebhook(teamId: string): Promise<void>;
  /** Leases up to `limit` due deliveries (each team's oldest first, at most `perTeam` leased per team). */
  claimDueDeliveries(options: ClaimOptions): Promise<DueDelivery[]>;
  /** Records one attempt's outcome if `claim.leaseToken` is still the delivery's; false for a stale attempt. */
  recordAttempt(claim: { id: string; leaseToken: string }, attempt: AttemptRecord): Promise<boolean>;
}
