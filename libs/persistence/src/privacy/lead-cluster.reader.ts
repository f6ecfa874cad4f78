import { type PoolClient } from 'pg';

type Queryable = Pick<PoolClient, 'query'>;

// Identity merges never chain deeper than this in practice; the bound only stops a cycle.
const MAX_HOPS = 32;

/** One hop over identity merges, from `walk.lead_id`: to the lead it went into, or to the ids that went into it. */
const NEXT_HOP = {
  intoLead: `SELECT into_lead AS lead_id FROM identity_forwardings WHERE from_lead = walk.lead_id
             UNION SELECT merged_into FROM lead_projections WHERE lead_id = walk.lead_id AND merged_into IS NOT NULL`,
  mergedIds: `SELECT from_lead AS lead_id FROM identity_forwardings WHERE into_lead = walk.lead_id
              UNION SELECT lead_id FROM lead_projections WHERE merged_into = walk.lead_id`,
} as const;

/**
 * The person behind `leadId`: the lead it was (transitively) merged into, and every id merged
 * into that one, in any generation. An anonymous id and its known lead are one person, so
 * erasing (or exporting) either reaches both.
 */
export async function readLeadCluster(client: Queryable, leadId: string): Promise<string[]> {
  const up = await walkMerges(client, leadId, 'intoLead');
  const top = up.at(-1)?.lead_id ?? leadId;
  const down = await walkMerges(client, top, 'mergedIds');
  return [...new Set([leadId, ...down.map((row) => row.lead_id)])].sort();
}

/** The ids reached from `leadId` by following one kind of hop, nearest first (`leadId` itself at 0). */
async function walkMerges(client: Queryable, leadId: string, hop: keyof typeof NEXT_HOP): Promise<Array<{ lead_id: string; hops: number }>> {
  const result = await client.query<{ lead_id: string; hops: number }>(
    `WITH RECURSIVE walk(lead_id, hops) AS (
       SELECT $1::varchar, 0
       UNION
       SELECT next.lead_id, walk.hops + 1 FROM walk JOIN LATERAL (${NEXT_HOP[hop]}) next ON true
       WHERE walk.hops < $2)
     SELECT lead_id, hops FROM walk ORDER BY hops`,
    [leadId, MAX_HOPS],
  );
  return result.rows;
}
