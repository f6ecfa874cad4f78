import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NotFound, ValidationFailed } from '@leadscore/http';
import { rotateTeamSecret } from '@leadscore/persistence';
import { formatSecret, TEAM_ID_PATTERN } from '@leadscore/routing';
import { OpsAuditTrail } from '../audit/ops-audit.trail';
import { type OpsActor } from '../auth/ops-actor';

/** docs/webhooks.md "Rotating a secret": for 24 h after a rotation, deliveries carry both signatures. */
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
  constructor(private readonly audit: OpsAuditTrail) {}

  async execute(actor: OpsActor, teamId: string): Promise<RotatedSecret> {
    if (!TEAM_ID_PATTERN.test(teamId)) throw new ValidationFailed([{ path: 'teamId', message: 'must match ^[a-z0-9][a-z0-9_-]{0,63}$' }]);
    const secret = formatSecret(randomBytes(32));
    return this.audit.change(actor, 'routing.secret_rotated', async (db) => {
      const rotated = await rotateTeamSecret(db, teamId, secret, PREVIOUS_SECRET_GRACE_SECONDS);
      if (rotated === null) throw new NotFound('teamId', `no team "${teamId}" in any routing version`);
      const previousSecretValidUntil = rotated.previousValidUntil.toISOString();
      return { result: { teamId, secret, previousSecretValidUntil }, details: { teamId, previousSecretValidUntil } };
    });
  }
}
