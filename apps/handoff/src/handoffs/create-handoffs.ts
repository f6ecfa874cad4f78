import { randomUUID } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { type LeadScoreChangedMessage } from '@leadscore/contracts';
import {
  currentOwner, handoffExists, storedEventIds, insertDelivery, insertHandoff, leadSnapshot, nextRoundRobinTurn, openHandoffCounts,
} from '@leadscore/persistence';
import { chooseMember, chooseTeam, type RoutingTeam } from '@leadscore/routing';
import { topReasons, type LeadState } from '@leadscore/scoring';
import { type ActiveRouting } from '../routing/routing-cache';
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

export interface CreateHandoffsDeps {
  pool: Pool;
  routing: () => ActiveRouting | null;
  /** Runs inside the transaction, before COMMIT: a crash can only repeat a publication. */
  publish: (handoffs: LeadHandoffMessage[]) => Promise<void>;
  now: () => Date;
  visibilityTimeoutMs?: number;
  onDropped?: (count: number) => void;
}

/**
 * One transaction for the batch's promotions (in partition order): skip those already handed off
 * (same lead, promotion and cause event), route the others, write each handoff with its outbox
 * row, publish, commit. The caller commits Kafka offsets after this resolves.
 */
export async function createHandoffs(deps: CreateHandoffsDeps, batch: Promotion[]): Promise<LeadHandoffMessage[]> {
  const promotions = await committedOnly(deps, batch);
  if (promotions.length === 0) return [];
  const client = await deps.pool.connect();
  try {
    await client.query('BEGIN');
    const created: LeadHandoffMessage[] = [];
    for (const change of promotions) {
      if (await handoffExists(client, { leadId: change.leadId, promotion: change.promotion, causeEventId: change.causeEventId })) continue;
      created.push(await createOne(client, deps, change));
    }
    await deps.publish(created);
    await client.query('COMMIT');
    return created;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The scoring worker publishes just before its COMMIT, so a promotion can arrive before its cause
 * event and projection are visible: wait for them (briefly). One whose cause never appears came
 * from a rolled-back batch; the retried batch publishes it again, so it is dropped here.
 */
async function committedOnly(deps: CreateHandoffsDeps, promotions: Promotion[]): Promise<Promotion[]> {
  if (promotions.length === 0) return [];
  const ids = [...new Set(promotions.map((p) => p.causeEventId))];
  const deadline = Date.now() + (deps.visibilityTimeoutMs ?? 10_000);
  let stored = await storedEventIds(deps.pool, ids);
  while (stored.size < ids.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    stored = await storedEventIds(deps.pool, ids);
  }
  const kept = promotions.filter((p) => stored.has(p.causeEventId));
  if (kept.length < promotions.length) deps.onDropped?.(promotions.length - kept.length);
  return kept;
}

async function createOne(client: PoolClient, deps: CreateHandoffsDeps, change: Promotion): Promise<LeadHandoffMessage> {
  const lead = await leadSnapshot<LeadState>(client, change.leadId);
  const routing = deps.routing();
  const assignment = await assign(client, routing, change, lead);
  const handoffId = randomUUID();
  const deliveryId = assignment ? `msg_${randomUUID().replace(/-/g, '')}` : null;
  const assignedTo = assignment ? { team: assignment.team.id, member: assignment.member } : null;
  const body = webhookBody({
    handoffId, change, traits: lead.traits, source: lead.source, assignedTo, now: deps.now(),
    reasons: lead.state ? topReasons(lead.state).map(({ ruleId, points }) => ({ ruleId, points })) : change.reasons,
  });
  await insertHandoff(client, {
    id: handoffId, leadId: change.leadId, promotion: change.promotion, causeEventId: change.causeEventId,
    teamId: assignedTo?.team ?? null, member: assignedTo?.member ?? null, status: assignment ? 'pending' : 'unassigned',
    routingVersion: routing?.version ?? null, payload: body,
  });
  if (assignment && deliveryId) {
    await insertDelivery(client, { id: deliveryId, handoffId, teamId: assignment.team.id, url: assignment.team.webhook.url, body: JSON.stringify(body) });
  }
  return { v: 1, handoffId, deliveryId, leadId: change.leadId, promotion: change.promotion, causeEventId: change.causeEventId, assignedTo, body };
}

/** SQL keeps the lead's current owner; otherwise the first matching team and its strategy's member. */
async function assign(
  client: PoolClient,
  routing: ActiveRouting | null,
  change: Promotion,
  lead: { traits: Record<string, unknown>; source: string | null },
): Promise<{ team: RoutingTeam; member: string } | null> {
  if (change.promotion === 'sql') {
    const owner = await currentOwner(client, change.leadId);
    const team = owner && routing?.config.teams.find((candidate) => candidate.id === owner.teamId);
    if (owner && team) return { team, member: owner.member };
  }
  const team = chooseTeam(routing?.config ?? null, { traits: lead.traits, source: lead.source, score: change.score });
  if (!team) return null;
  const turn = team.strategy === 'least_loaded' ? 0 : await nextRoundRobinTurn(client, team.id);
  const openHandoffs = team.strategy === 'least_loaded' ? await openHandoffCounts(client, team.id) : new Map<string, number>();
  return { team, member: chooseMember(team, { turn, openHandoffs, ownerTrait: lead.traits.owner }) };
}
