import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFound, ValidationFailed } from '@leadscore/http';
import { rotateTeamSecret } from '@leadscore/persistence';
import { formatSecret, TEAM_ID_PATTERN } from '@leadscore/routing';
import { PG_POOL } from '../admin.tokens';

/** DESIGN.md: for 24 h after a rotation, deliveries carry both signatures. */
export const PREVIOUS_SECRET_GRACE_SECONDS = 24 * 3600;

export interface RotatedSecret {
  teamId: string;
  /** Shown here once. */
  secret: string;
  /** Until then deliveries are signed with the old secret too, so receivers can switch without a gap. */
  previousSecretValidUntil: string;
}

/** `POST /v1/routing/teams/{id}/rotate-secret`: a new secret for the team's webhook. */
@Injectable()
export class RotateTeamSecretCommand {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(teamId: string): Promise<RotatedSecret> {
    if (!TEAM_ID_PATTERN.test(teamId)) throw new ValidationFailed([{ path: 'teamId', message: 'must match ^[a-z0-9][a-z0-9_-]{0,63}$' }]);
    const secret = formatSecret(randomBytes(32));
    const rotated = await rotateTeamSecret(this.pool, teamId, secret, PREVIOUS_SECRET_GRACE_SECONDS);
    if (rotated === null) throw new NotFound('teamId', `no team "${teamId}" in any routing version`);
    return { teamId, secret, previousSecretValidUntil: rotated.previousValidUntil.toISOString() };
  }
}
