import { Injectable } from '@nestjs/common';
import { parseAllowedOrigins } from '@leadscore/contracts';
import { NotFound, ValidationFailed } from '@leadscore/http';
import { WriteKeyRepository } from '@leadscore/persistence';
import { OpsAuditTrail } from '../../audit/ops-audit.trail';
import { type OpsActor } from '../../auth/ops-actor';
import { SourceChangeAnnouncer } from '../source-change.announcer';

/** The answer to a change: what the source now allows. */
export interface UpdatedSource {
  id: string;
  allowedOrigins: string[];
}

/**
 * `PATCH /v1/sources/{id}` `{"allowedOrigins": [...]}`: replaces the web origins a browser may
 * use the key from (empty: any), then announces the change so that ingest applies it at once.
 */
@Injectable()
export class UpdateSourceHandler {
  constructor(
    private readonly audit: OpsAuditTrail,
    private readonly announcer: SourceChangeAnnouncer,
  ) {}

  async execute(actor: OpsActor, id: string, body: unknown): Promise<UpdatedSource> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationFailed([{ path: 'body', message: 'expected a JSON object {"allowedOrigins": [...]}' }]);
    const unknown = Object.keys(body).filter((field) => field !== 'allowedOrigins');
    if (unknown.length > 0) throw new ValidationFailed(unknown.map((field) => ({ path: field.slice(0, 64), message: 'only allowedOrigins can be changed' })));
    const parsed = parseAllowedOrigins((body as { allowedOrigins?: unknown }).allowedOrigins);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    await this.audit.change(actor, 'source.changed', async (db) => {
      if (!(await new WriteKeyRepository(db).setAllowedOrigins(id, parsed.origins))) throw new NotFound('id', `no active source "${id.slice(0, 64)}"`);
      return { result: null, details: { sourceId: id, allowedOrigins: parsed.origins } };
    });
    await this.announcer.announce(id);
    return { id, allowedOrigins: parsed.origins };
  }
}
