import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type FieldError, LEAD_ID_PATTERN } from '@leadscore/contracts';
import { NotFound, parsePageLimit, ValidationFailed } from '@leadscore/http';
import { PG_POOL } from '../../admin.tokens';
import { LeadWinProbability, type WinProbability } from '../../models/lead-win-probability';
import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor';
import { type TimelineEntry, type TimelineRow, toTimelineEntry } from './timeline-entry';

export interface TimelinePage {
  items: TimelineEntry[];
  nextCursor: string | null;
  /** With an active model: the lead's win probability and the features that moved it most ("why"). */
  winProbability?: WinProbability;
}

const DEFAULT_LIMIT = 100;

// A known lead with nothing after the cursor comes back as one row of nulls.
type PageRow = { known: boolean; seq: string | null } & Omit<TimelineRow, 'seq'>;

// One statement per page: the lead's events after the cursor, each with the live generation's
// audit row (primary key generation, lead_id, seq) and the handoffs it caused (by lead: a handful).
// Every table is reached by the lead: one partition of each when they are partitioned by it. The
// outer row says whether the lead exists at all, so an empty page and an unknown lead differ.
// One row more than asked says whether there is a next page.
export const LEAD_TIMELINE_SQL = `
  SELECT k.known, t.*
    FROM (SELECT EXISTS (SELECT 1 FROM lead_events WHERE lead_id = $1) AS known) k
    LEFT JOIN LATERAL (
      SELECT e.seq, e.event_id, e.type, e.occurred_at, e.received_at, e.source, e.properties, e.traits, e.producer,
             a.rule_version, a.points, a.reasons, a.score_after, a.stage_after, a.stage_change, a.promotion,
             COALESCE(h.handoffs, '[]') AS handoffs
        FROM lead_events e
        LEFT JOIN score_audit a
          ON a.generation = (SELECT generation FROM projection_generations WHERE status = 'live') AND a.lead_id = e.lead_id AND a.seq = e.seq
        LEFT JOIN LATERAL (
          SELECT json_agg(json_build_object(
                   'id', h.id, 'promotion', h.promotion, 'status', h.status, 'team_id', h.team_id, 'member', h.member,
                   'created_at', to_char(h.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                 ORDER BY h.created_at, h.id) AS handoffs
            FROM handoffs h WHERE h.lead_id = e.lead_id AND h.cause_event_id = e.event_id
        ) h ON true
       WHERE e.lead_id = $1 AND ($2::bigint IS NULL OR e.seq > $2)
       ORDER BY e.seq
       LIMIT $3
    ) t ON true
   ORDER BY t.seq`;

/** `GET /v1/leads/{leadId}/timeline`: what each of the lead's events did, in log order. */
@Injectable()
export class GetLeadTimelineQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool, private readonly winProbability: LeadWinProbability) {}

  async execute(leadId: string, query: { cursor?: unknown; limit?: unknown }): Promise<TimelinePage> {
    const { after, limit } = readParams(leadId, query);
    const result = await this.pool.query<PageRow>(LEAD_TIMELINE_SQL, [leadId, after, limit + 1]);
    if (!result.rows[0].known) throw new NotFound('leadId', `no lead "${leadId}"`);
    const rows = result.rows.filter((row): row is PageRow & TimelineRow => row.seq !== null).slice(0, limit);
    const win = await this.winProbability.of(leadId);
    return {
      items: rows.map(toTimelineEntry),
      nextCursor: result.rows.length > limit ? encodeTimelineCursor(rows[rows.length - 1].seq) : null,
      ...(win === null ? {} : { winProbability: win }),
    };
  }
}

function readParams(leadId: string, query: { cursor?: unknown; limit?: unknown }): { after: string | null; limit: number } {
  const errors: FieldError[] = [];
  if (!LEAD_ID_PATTERN.test(leadId)) errors.push({ path: 'leadId', message: 'expected 1-128 characters of [A-Za-z0-9._:@+-]' });
  const cursor = query.cursor === undefined || query.cursor === '' ? null : query.cursor;
  const after = typeof cursor === 'string' ? decodeTimelineCursor(cursor) : null;
  if (cursor !== null && after === null) errors.push({ path: 'cursor', message: 'cursor must be a nextCursor from an earlier page of this timeline' });
  const limit = parsePageLimit(query.limit, DEFAULT_LIMIT);
  if (typeof limit !== 'number') errors.push(limit);
  if (errors.length > 0 || typeof limit !== 'number') throw new ValidationFailed(errors);
  return { after, limit };
}
