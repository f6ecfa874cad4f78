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
  /** The secrets to sign with: the current one, then the one a rotation replaced while it is still honoured. */
  secrets: string[];
  disabled: boolean;
}

export async function teamEndpointState(db: Queryable, teamId: string): Promise<TeamEndpointState | null> {
  const result = await db.query<{ secret: string; previous: string | null; disabled: boolean }>(
    `SELECT secret, CASE WHEN previous_secret_until > now() THEN previous_secret END AS previous,
            webhook_disabled_at IS NOT NULL AS disabled
       FROM routing_teams WHERE team_id = $1`, [teamId],
  );
  const row = result.rows[0];
  if (!row) return null;
  return { secrets: row.previous === null ? [row.secret] : [row.secret, row.previous], disabled: row.disabled };
}

/**
 * Replaces a team's secret; the old one stays valid (deliveries carry both signatures) for
 * `graceSeconds`. Null for a team that never got a secret (not in any routing version).
 */
export async function rotateTeamSecret(db: Queryable, teamId: string, secret: string, graceSeconds: number): Promise<{ previousValidUntil: Date } | null> {
  const result = await db.query<{ until: Date }>(
    `UPDATE routing_teams
        SET previous_secret = secret, previous_secret_until = now() + make_interval(secs => $3), secret = $2
      WHERE team_id = $1 AND secret <> ''
      RETURNING previous_secret_until AS until`,
    [teamId, secret, graceSeconds],
  );
  return result.rows.length === 0 ? null : { previousValidUntil: result.rows[0].until };
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
