import { Injectable } from '@nestjs/common';
import { type FieldError, parseAllowedOrigins } from '@leadscore/contracts';
import { validateDto, ValidationFailed } from '@leadscore/http';
import { WriteKeyRepository } from '@leadscore/persistence';
import { OpsAuditTrail } from '../../audit/ops-audit.trail';
import { type OpsActor } from '../../auth/ops-actor';
import { CreateSourceCommand } from './create-source.command';

/** The answer to a creation: the only time the write key is shown (it is stored hashed). */
export interface CreatedSource {
  id: string;
  name: string;
  writeKey: string;
  keyPrefix: string;
  allowedOrigins: string[];
  createdAt: string;
}

@Injectable()
export class CreateSourceHandler {
  constructor(private readonly audit: OpsAuditTrail) {}

  async execute(actor: OpsActor, body: unknown): Promise<CreatedSource> {
    const command = validateDto(CreateSourceCommand, body);
    const rawOrigins = typeof body === 'object' && body !== null ? (body as { allowedOrigins?: unknown }).allowedOrigins : undefined;
    const origins = rawOrigins === undefined ? { ok: true as const, origins: [] } : parseAllowedOrigins(rawOrigins);
    const errors: FieldError[] = [...(command.ok ? [] : command.errors), ...(origins.ok ? [] : origins.errors)];
    if (!command.ok || !origins.ok) throw new ValidationFailed(errors);
    const name = command.value.name;
    const created = await this.audit.change(actor, 'source.created', async (db) => {
      const key = await new WriteKeyRepository(db).create({ name, allowedOrigins: origins.origins });
      return { result: key, details: { sourceId: key.id, keyPrefix: key.keyPrefix, allowedOrigins: key.allowedOrigins } };
    });
    return {
      id: created.id, name: created.name, writeKey: created.key, keyPrefix: created.keyPrefix,
      allowedOrigins: created.allowedOrigins, createdAt: created.createdAt.toISOString(),
    };
  }
}
