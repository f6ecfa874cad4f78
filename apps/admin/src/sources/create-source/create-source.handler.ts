import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type FieldError, parseAllowedOrigins } from '@leadscore/contracts';
import { validateDto, ValidationFailed } from '@leadscore/http';
import { WriteKeyRepository } from '@leadscore/persistence';
import { PG_POOL } from '../../admin.tokens';
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
  private readonly keys: WriteKeyRepository;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.keys = new WriteKeyRepository(pool);
  }

  async execute(body: unknown): Promise<CreatedSource> {
    const command = validateDto(CreateSourceCommand, body);
    const rawOrigins = typeof body === 'object' && body !== null ? (body as { allowedOrigins?: unknown }).allowedOrigins : undefined;
    const origins = rawOrigins === undefined ? { ok: true as const, origins: [] } : parseAllowedOrigins(rawOrigins);
    const errors: FieldError[] = [...(command.ok ? [] : command.errors), ...(origins.ok ? [] : origins.errors)];
    if (!command.ok || !origins.ok) throw new ValidationFailed(errors);
    const created = await this.keys.create({ name: command.value.name, allowedOrigins: origins.origins });
    return {
      id: created.id, name: created.name, writeKey: created.key, keyPrefix: created.keyPrefix,
      allowedOrigins: created.allowedOrigins, createdAt: created.createdAt.toISOString(),
    };
  }
}
