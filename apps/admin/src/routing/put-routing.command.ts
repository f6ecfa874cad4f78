import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { type FieldError } from '@leadscore/contracts';
import { ValidationFailed } from '@leadscore/http';
import { ensureTeamSecrets, insertRoutingVersion } from '@leadscore/persistence';
import { formatSecret, lookupWithTimeout, parseRoutingConfig, resolveWebhookTarget } from '@leadscore/routing';
import { OpsAuditTrail } from '../audit/ops-audit.trail';
import { type OpsActor } from '../auth/ops-actor';

/** A webhook host whose DNS does not answer within this is refused (a PUT must not hang on it). */
const DNS_TIMEOUT_MS = 5_000;

export interface PutRoutingAnswer {
  version: number;
  teams: Array<{ id: string; secret?: string }>;
}

/**
 * Validates and stores a new routing version. Every webhook host is resolved and refused when it
 * reaches a private address (unless WEBHOOK_ALLOW_PRIVATE). New teams get a secret, shown here once.
 */
@Injectable()
export class PutRoutingCommand {
  constructor(@Inject(CONFIG) private readonly config: LeadscoreConfig, private readonly audit: OpsAuditTrail) {}

  async execute(actor: OpsActor, body: unknown): Promise<PutRoutingAnswer> {
    const parsed = parseRoutingConfig(body);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const errors: FieldError[] = [];
    await Promise.all(parsed.config.teams.map(async (team, i) => {
      const target = await resolveWebhookTarget(team.webhook.url, { lookup: lookupWithTimeout((host) => lookup(host, { all: true }), DNS_TIMEOUT_MS), allowPrivate: this.config.webhookAllowPrivate });
      if (!target.ok) errors.push({ path: `teams.${i}.webhook.url`, message: target.message });
    }));
    if (errors.length > 0) throw new ValidationFailed(errors.sort((a, b) => (a.path < b.path ? -1 : 1)));
    return this.audit.change(actor, 'routing.version_created', async (client) => {
      const version = await insertRoutingVersion(client, parsed.config, actor.tokenName);
      const secrets = await ensureTeamSecrets(client, parsed.config.teams.map((team) => team.id), () => formatSecret(randomBytes(32)));
      const teams = parsed.config.teams.map((team) => team.id);
      return {
        result: { version, teams: parsed.config.teams.map((team) => (secrets.has(team.id) ? { id: team.id, secret: secrets.get(team.id) } : { id: team.id })) },
        details: { version, teams, newSecretsFor: teams.filter((id) => secrets.has(id)) },
      };
    });
  }
}
