import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { cursorObject, decodePageCursor, encodePageCursor, type FieldError } from '@leadscore/contracts';
import { parsePageLimit, ValidationFailed } from '@leadscore/http';
import { HANDOFF_STATUSES } from '@leadscore/persistence';
import { PG_POOL } from '../admin.tokens';

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

const SQL = `
  SELECT h.id, h.lead_id, h.promotion, h.cause_event_id, h.status, h.team_id, h.member, h.created_at,
         d.id AS delivery_id, d.attempts, d.last_status_code, d.last_error, d.next_attempt_at, d.delivered_at
    FROM handoffs h LEFT JOIN webhook_deliveries d ON d.handoff_id = h.id
   WHERE ($1::varchar IS NULL OR h.status = $1) AND ($2::varchar IS NULL OR h.lead_id = $2)
     AND ($3::timestamptz IS NULL OR (h.created_at, h.id) < ($3, $4::uuid))
   ORDER BY h.created_at DESC, h.id DESC LIMIT $5`;

/** Handoffs newest first, by status and/or lead, cursor-paginated. */
@Injectable()
export class ListHandoffsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

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
    const result = await this.pool.query(SQL, [query.status ?? null, query.leadId ?? null, cursor?.at ?? null, cursor?.id ?? null, limit + 1]);
    const rows = result.rows.slice(0, limit);
    const last = rows[rows.length - 1];
    return {
      items: rows.map(toView),
      nextCursor: result.rows.length > limit ? encodePageCursor({ at: last.created_at.toISOString(), id: last.id }) : null,
    };
  }
}

function decodeCursor(text: string): { at: string; id: string } | null {
  return decodePageCursor(text, (value) => {
    const parsed = cursorObject(value);
    const uuid = /^[0-9a-f-]{36}$/;
    return typeof parsed?.at === 'string' && !Number.isNaN(Date.parse(parsed.at)) && typeof parsed.id === 'string' && uuid.test(parsed.id)
      ? { at: parsed.at, id: parsed.id } : null;
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toView(row: any): HandoffView {
  return {
    id: row.id, leadId: row.lead_id, promotion: row.promotion, causeEventId: row.cause_event_id, status: row.status,
    assignedTo: row.team_id ? { team: row.team_id, member: row.member } : null,
    createdAt: row.created_at.toISOString(),
    delivery: row.delivery_id ? {
      id: row.delivery_id, attempts: row.attempts, lastStatusCode: row.last_status_code, lastError: row.last_error,
      nextAttemptAt: row.next_attempt_at.toISOString(), deliveredAt: row.delivered_at?.toISOString() ?? null,
    } : null,
  };
}
