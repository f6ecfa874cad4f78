import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type CreatedToken, parseCreateToken, type TokenView } from '@leadscore/contracts';
import { NotFound, ValidationFailed } from '@leadscore/http';
import { ApiTokenRepository, type ApiTokenSummary } from '@leadscore/persistence';
import { PG_POOL } from '../admin.tokens';
import { OpsAuditTrail } from '../audit/ops-audit.trail';
import { type OpsActor } from '../auth/ops-actor';
import { TokenRevocationAnnouncer } from './token-revocation.announcer';

/** Ops API tokens: created with scopes (shown once), listed without their secret, revoked at once everywhere. */
@Injectable()
export class TokensService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly audit: OpsAuditTrail,
    private readonly announcer: TokenRevocationAnnouncer,
  ) {}

  async create(actor: OpsActor, body: unknown): Promise<CreatedToken> {
    const parsed = parseCreateToken(body, new Date());
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const created = await this.audit.change(actor, 'token.created', async (db) => {
      const token = await new ApiTokenRepository(db).create(parsed.value);
      return { result: token, details: { tokenId: token.id, name: token.name, scopes: token.scopes, expiresAt: token.expiresAt?.toISOString() ?? null } };
    });
    return { ...view(created), token: created.token };
  }

  async list(): Promise<{ items: TokenView[] }> {
    return { items: (await new ApiTokenRepository(this.pool).list()).map(view) };
  }

  async revoke(actor: OpsActor, id: string): Promise<void> {
    await this.audit.change(actor, 'token.revoked', async (db) => {
      if (!(await new ApiTokenRepository(db).revoke(id))) throw new NotFound('id', `no active token "${id.slice(0, 64)}"`);
      return { result: null, details: { tokenId: id } };
    });
    await this.announcer.announce(id);
  }
}

function view(token: ApiTokenSummary): TokenView {
  return {
    id: token.id, name: token.name, tokenPrefix: token.tokenPrefix, scopes: token.scopes, createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null, revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
