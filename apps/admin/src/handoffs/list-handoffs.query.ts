import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type Repository } from 'typeorm';
import { cursorObject, decodePageCursor, encodePageCursor, type FieldError } from '@leadscore/contracts';
import { parsePageLimit, ValidationFailed } from '@leadscore/http';
import { HANDOFF_STATUSES, HandoffEntity, WebhookDeliveryEntity } from '@leadscore/persistence';
import { DATA_SOURCE } from '../admin.tokens';

export interface HandoffView {
  id: string;
  leadId: string;
  promotion: string;
  causeEventId: string;
  status: string;
  assignedTo: { team: string; member: string } | null;
  createdAt: string;
  delivery: { id: string; attempts: number; lastStatusCode: number | null; lastError: string | null; nextAttemptAt: string; deliveredAt: string | null } | null;
}

/** The position after a listed handoff: its creation time as PostgreSQL prints it (to the microsecond) and its id. */
interface HandoffCursor {
  at: string;
  id: string;
}

/** Handoffs newest first, by status and/or lead, cursor-paginated, each with its webhook delivery. */
@Injectable()
export class ListHandoffsQuery {
  private readonly handoffs: Repository<HandoffEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.handoffs = dataSource.getRepository(HandoffEntity);
  }

  async execute(query: { status?: string; leadId?: string; cursor?: string; limit?: string }): Promise<{ items: HandoffView[]; nextCursor: string | null }> {
    const errors: FieldError[] = [];
    if (query.status !== undefined && !(HANDOFF_STATUSES as readonly string[]).includes(query.status)) {
      errors.push({ path: 'status', message: `must be one of ${HANDOFF_STATUSES.join(', ')}` });
    }
    const parsedLimit = parsePageLimit(query.limit, 100);
    if (typeof parsedLimit !== 'number') errors.push(parsedLimit);
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.cursor && cursor === null) errors.push({ path: 'cursor', message: 'is not a cursor from a previous page' });
    if (errors.length > 0 || typeof parsedLimit !== 'number') throw new ValidationFailed(errors);
    const limit = parsedLimit;

    const page = this.handoffs.createQueryBuilder('h')
      .leftJoinAndMapOne('h.delivery', WebhookDeliveryEntity, 'd', 'd.handoffId = h.id')
      // A Date keeps milliseconds; the cursor needs the microseconds, or handoffs made in the same millisecond are skipped.
      .addSelect('h.created_at::text', 'created_at_text')
      .orderBy('h.createdAt', 'DESC').addOrderBy('h.id', 'DESC')
      .limit(limit + 1);
    if (query.status !== undefined) page.andWhere('h.status = :status', { status: query.status });
    if (query.leadId !== undefined) page.andWhere('h.leadId = :leadId', { leadId: query.leadId });
    if (cursor) page.andWhere('(h.createdAt, h.id) < (:at::timestamptz, :id::uuid)', cursor);
    const { entities, raw } = await page.getRawAndEntities<{ h_id: string; created_at_text: string }>();
    const rows = entities.slice(0, limit);
    const last = rows.at(-1);
    return {
      items: rows.map(toView),
      nextCursor: entities.length > limit && last ? encodePageCursor({ at: raw.find((row) => row.h_id === last.id)!.created_at_text, id: last.id }) : null,
    };
  }
}

function decodeCursor(text: string): HandoffCursor | null {
  return decodePageCursor(text, (value) => {
    const parsed = cursorObject(value);
    const uuid = /^[0-9a-f-]{36}$/;
    return typeof parsed?.at === 'string' && !Number.isNaN(Date.parse(parsed.at)) && typeof parsed.id === 'string' && uuid.test(parsed.id)
      ? { at: parsed.at, id: parsed.id } : null;
  });
}

function toView(handoff: HandoffEntity): HandoffView {
  const { delivery } = handoff;
  return {
    id: handoff.id, leadId: handoff.leadId, promotion: handoff.promotion, causeEventId: handoff.causeEventId, status: handoff.status,
    assignedTo: handoff.teamId !== null && handoff.member !== null ? { team: handoff.teamId, member: handoff.member } : null,
    createdAt: handoff.createdAt.toISOString(),
    delivery: delivery ? {
      id: delivery.id, attempts: delivery.attempts, lastStatusCode: delivery.lastStatusCode, lastError: delivery.lastError,
      nextAttemptAt: delivery.nextAttemptAt.toISOString(), deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    } : null,
  };
}
