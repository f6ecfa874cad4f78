import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
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
    if (!command.ok) throw new ValidationFailed(command.errors);
    const created = await this.keys.create({ name: command.value.name });
    return { id: created.id, name: created.name, writeKey: created.key, keyPrefix: created.keyPrefix, createdAt: created.createdAt.toISOString() };
  }
}
