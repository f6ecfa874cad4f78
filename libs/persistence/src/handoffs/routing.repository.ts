import { type PoolClient } from 'pg';

type Queryable = Pick<PoolClient, 'query'>;

export interface StoredRouting<T> {
  version: number;
  definition: T;
}

/** The routing in force: the newest version (routing is versioned, the latest applies). */
export async function latestRouting<T>(db: Queryable): Promise<StoredRouting<T> | null> {
  const result = await db.query<{ version: number; definition: T }>(`SELECT version, definition FROM routing_versions ORDER BY version DESC LIMIT 1`);
  return result.rows[0] ?? null;
}

export async function insertRoutingVersion(db: Queryable, definition: unknown, author: string | null): Promise<number> {
  const result = await db.query<{ version: number }>(
    `INSERT INTO routing_versions (definition, author) VALUES ($1, $2) RETURNING version`, [JSON.stringify(definition), author],
  );
  return result.rows[0].version;
}

/**
 * Gives every team id that has none a secret (made by `newSecret`); returns only the new ones,
 * which are shown once. An existing team keeps its secret, and a re-submitted team is re-enabled.
 */
export async function ensureTeamSecrets(db: Queryable, teamIds: string[], newSecret: () => string): Promise<Map<string, string>> {
  const created = new Map<string, string>();
  for (const teamId of teamIds) {
    const result = await db.query<{ secret: string; inserted: boolean }>(
      `INSERT INTO routing_teams (team_id, secret) VALUES ($1, $2) ON CONFLICT (team_id) DO UPDATE SET webhook_disabled_at = NULL
       RETURNING secret, (xmax = 0) AS inserted`,
      [teamId, newSecret()],
    );
    if (result.rows[0].inserted) created.set(teamId, result.rows[0].secret);
  }
  return created;
}

export interface TeamEndpointState {
  secret: string;
  disabled: boolean;
}

export async function teamEndpointState(db: Queryable, teamId: string): Promise<TeamEndpointState | null> {
  const result = await db.query<{ secret: string; disabled: boolean }>(
    `SELECT secret, webhook_disabled_at IS NOT NULL AS disabled FROM routing_teams WHERE team_id = $1`, [teamId],
  );
  return result.rows[0] ?? null;
}

/** Increments and returns the team's round-robin turn (1, 2, 3, …), inside the caller's transaction. */
export async function nextRoundRobinTurn(db: Queryable, teamId: string): Promise<number> {
  const result = await db.query<{ turn: string }>(
    `INSERT INTO routing_teams (team_id, secret, round_robin_turn) VALUES ($1, '', 1)
     ON CONFLICT (team_id) DO UPDATE SET round_robin_turn = routing_teams.round_robin_turn + 1 RETURNING round_robin_turn AS turn`,
    [teamId],
  );
  return Number(result.rows[0].turn);
}

/** A 410 Gone from the receiver: stop sending to this team until its routing is submitted again. */
export async function disableTeamWebhook(db: Queryable, teamId: string): Promise<void> {
  await db.query(`UPDATE routing_teams SET webhook_disabled_at = now() WHERE team_id = $1 AND webhook_disabled_at IS NULL`, [teamId]);
}
