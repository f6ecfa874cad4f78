import { type LeadScoreChangedMessage } from '@leadscore/contracts';
import { eventKeyOf } from '@leadscore/persistence';
import { chooseMember, chooseTeam, routingUsesWinProbability, type RoutingTeam } from '@leadscore/routing';
import { topReasons } from '@leadscore/scoring';
import { type ActiveRouting } from '../routing/routing-cache';
import { type HandoffStore, type HandoffTransaction } from './handoff-store.port';
import { handoffIds } from './handoff-ids';
import { webhookBody, type WebhookBody } from './webhook-body';

export type Promotion = LeadScoreChangedMessage & { promotion: 'mql' | 'sql' };

/** Value on `lead-handoffs` (key = leadId). */
export interface LeadHandoffMessage {
  v: 1;
  handoffId: string;
  deliveryId: string | null;
  leadId: string;
  promotion: 'mql' | 'sql';
  causeEventId: string;
  assignedTo: { team: string; member: string } | null;
  body: WebhookBody;
}

/** The clock of the wait for cause events: a monotonic time and a pause (a unit test's clock advances instead of sleeping). */
export interface WaitClock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_WAIT_CLOCK: WaitClock = { nowMs: () => performance.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
const VISIBILITY_POLL_MS = 20;

export interface CreateHandoffsDeps {
  store: HandoffStore;
  routing: () => ActiveRouting | null;
  /** Runs inside the transaction, before COMMIT: a crash can only repeat a publication (with the same ids). */
  publish: (handoffs: LeadHandoffMessage[]) => Promise<void>;
  /** When the handoff is made (the webhook body's `timestamp`). */
  now: () => Date;
  /** How long the consumer waits for a cause event to become visible before parking its promotion (1 s). */
  visibilityWaitMs?: number;
  waitClock?: WaitClock;
  onParked?: (count: number) => void;
}

/**
 * One transaction for the batch's promotions (in partition order): skip those already handed off
 * (same lead, promotion and cause event), route the others, write each handoff with its outbox
 * row, publish, commit. A promotion whose cause event is not visible after a short wait is parked
 * (as are the lead's later ones, to keep its order) and handed off by `resolveParkedPromotions`
 * once the cause commits; the caller commits Kafka offsets after this resolves, so the partition
 * never waits on a late commit.
 */
export async function createHandoffs(deps: CreateHandoffsDeps, batch: Promotion[]): Promise<LeadHandoffMessage[]> {
  if (batch.length === 0) return [];
  const committed = await committedCauses(deps, batch);
  const { created, parked } = await deps.store.inTransaction(async (tx) => {
    const blocked = await tx.leadsWithParkedPromotions([...new Set(batch.map((p) => p.leadId))]);
    const waiting: Promotion[] = [];
    const ready: Promotion[] = [];
    for (const change of batch) {
      if (blocked.has(change.leadId) || !committed.has(causeKeyOf(change))) {
        waiting.push(change);
        blocked.add(change.leadId);
      } else ready.push(change);
    }
    await tx.parkPromotions(waiting);
    const made = await handOff(tx, deps, ready);
    await deps.publish(made);
    return { created: made, parked: waiting.length };
  });
  if (parked > 0) deps.onParked?.(parked);
  return created;
}

/** Creates the handoffs of these committed promotions inside the caller's transaction; repeats create nothing. */
export async function handOff(tx: HandoffTransaction, deps: CreateHandoffsDeps, promotions: Promotion[]): Promise<LeadHandoffMessage[]> {
  const created: LeadHandoffMessage[] = [];
  for (const change of promotions) {
    if (await tx.handoffExists(change)) continue;
    created.push(await createOne(tx, deps, change));
  }
  return created;
}

/**
 * The scoring worker publishes just before its COMMIT, so a promotion usually arrives a few
 * milliseconds before its cause event is visible: wait for that briefly. A cause still missing
 * after it commits late (a slow transaction) or comes again with a retried batch (a rolled-back
 * one); either way its promotion is parked, never dropped.
 */
async function committedCauses(deps: CreateHandoffsDeps, promotions: Promotion[]): Promise<Set<string>> {
  const clock = deps.waitClock ?? REAL_WAIT_CLOCK;
  const causes = [...new Map(promotions.map((p) => [causeKeyOf(p), { leadId: p.leadId, eventId: p.causeEventId }])).values()];
  const deadline = clock.nowMs() + (deps.visibilityWaitMs ?? 1000);
  let stored = await deps.store.storedEvents(causes);
  while (stored.size < causes.length && clock.nowMs() < deadline) {
    await clock.sleep(VISIBILITY_POLL_MS);
    stored = await deps.store.storedEvents(causes);
  }
  return stored;
}

/** The cause event's key in the store: an eventId is its lead's. */
function causeKeyOf(promotion: Promotion): string {
  return eventKeyOf({ leadId: promotion.leadId, eventId: promotion.causeEventId });
}

async function createOne(tx: HandoffTransaction, deps: CreateHandoffsDeps, change: Promotion): Promise<LeadHandoffMessage> {
  const lead = await tx.leadSnapshot(change.leadId);
  const routing = deps.routing();
  const assignment = await assign(tx, routing, change, lead);
  const ids = handoffIds(change);
  const handoffId = ids.handoffId;
  const deliveryId = assignment ? ids.deliveryId : null;
  const assignedTo = assignment ? { team: assignment.team.id, member: assignment.member } : null;
  const body = webhookBody({
    handoffId, change, traits: lead.traits, source: lead.source, assignedTo, now: deps.now(),
    reasons: lead.state ? topReasons(lead.state).map(({ ruleId, points }) => ({ ruleId, points })) : change.reasons,
  });
  await tx.insertHandoff({
    id: handoffId, leadId: change.leadId, promotion: change.promotion, causeEventId: change.causeEventId,
    teamId: assignedTo?.team ?? null, member: assignedTo?.member ?? null, status: assignment ? 'pending' : 'unassigned',
    routingVersion: routing?.version ?? null, payload: body,
  });
  if (assignment && deliveryId) {
    await tx.insertDelivery({ id: deliveryId, handoffId, teamId: assignment.team.id, url: assignment.team.webhook.url, body: JSON.stringify(body) });
  }
  return { v: 1, handoffId, deliveryId, leadId: change.leadId, promotion: change.promotion, causeEventId: change.causeEventId, assignedTo, body };
}

/** SQL keeps the lead's current owner; otherwise the first matching team and its strategy's member. */
async function assign(
  tx: HandoffTransaction,
  routing: ActiveRouting | null,
  change: Promotion,
  lead: { traits: Record<string, unknown>; source: string | null },
): Promise<{ team: RoutingTeam; member: string } | null> {
  if (change.promotion === 'sql') {
    const owner = await tx.currentOwner(change.leadId);
    const team = owner && routing?.config.teams.find((candidate) => candidate.id === owner.teamId);
    if (owner && team) return { team, member: owner.member };
  }
  // The learned win probability costs a read of the lead's history: only when a team matches on it.
  const winProbability = routing && routingUsesWinProbability(routing.config) ? await tx.winProbability(change.leadId, change.causeEventId) : null;
  const team = chooseTeam(routing?.compiled ?? null, { traits: lead.traits, source: lead.source, score: change.score, winProbability });
  if (!team) return null;
  const turn = team.strategy === 'least_loaded' ? 0 : await tx.nextRoundRobinTurn(team.id);
  const openHandoffs = team.strategy === 'least_loaded' ? await tx.openHandoffCounts(team.id) : new Map<string, number>();
  return { team, member: chooseMember(team, { turn, openHandoffs, ownerTrait: lead.traits.owner }) };
}
