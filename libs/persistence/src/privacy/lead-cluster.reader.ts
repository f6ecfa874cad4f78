import { type PoolClient } from 'pg';

// Identity merges never chain deeper than this in practice; the bound only stops a cycle.
const MAX_HOPS = 32;

/**
 * The person behind `leadId`: the lead it was (transitively) merged into, and every id merged
 * into that one, in any generation. An anonymous id and its known lead are one person, so
 * erasing (or exporting) either reaches both.
 */
export async function readLeadCluster(client: Pick<PoolClient, 'query'>, leadId: string): Promise<string[]> {
  const root = await client.query<{ lead_id: string }>(
    `WITH RECURSIVE up(lead_id, hops) AS (
       SELECT $1::varchar, 0
       UNION
       SELECT l.into_lead, up.hops + 1 FROM up
         JOIN LATERAL (
           SELECT into_lead FROM identity_forwardings WHERE from_lead = up.lead_id
           UNION SELECT state->>'mergedInto' FROM lead_projections WHERE lead_id = up.lead_id AND state->>'mergedInto' IS NOT NULL
         ) l ON true
       WHERE up.hops < $2)
     SELECT lead_id FROM up ORDER BY hops DESC LIMIT 1`,
    [leadId, MAX_HOPS],
  );
  const top = root.rows[0]?.lead_id ?? leadId;
  const down = await client.query<{ lead_id: string }>(
    `WITH RECURSIVE down(lead_id, hops) AS (
       SELECT $1::varchar, 0
       UNION
       SELECT l.from_lead, down.hops + 1 FROM down
         JOIN LATERAL (
           SELECT from_lead FROM identity_forwardings WHERE into_lead = down.lead_id
           UNION SELECT lead_id FROM lead_projections WHERE state->>'mergedInto' = down.lead_id
         ) l ON true
       WHERE down.hops < $2)
     SELECT DISTINCT lead_id FROM down`,
    [top, MAX_HOPS],
  );
  return [...new Set([leadId, ...down.rows.map((row) => row.lead_id)])].sort();
}
