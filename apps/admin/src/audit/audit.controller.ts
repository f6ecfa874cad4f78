import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { type Pool } from 'pg';
import { ValidationFailed } from '@leadscore/http';
import { readOpsAudit } from '@leadscore/persistence';
import { PG_POOL } from '../admin.tokens';
import { RequireScope } from '../auth/require-scope.decorator';
import { encodeAuditCursor, parseAuditQuery } from './audit-query.params';
import { AuditDocs } from './audit.open-api';

export interface AuditEntryView {
  id: string;
  at: string;
  tokenId: string;
  tokenName: string;
  requestId: string;
  kind: string;
  details: unknown;
}

/** Who changed what, when: the ops audit log, oldest first (`tokens:admin`). */
@ApiTags('tokens')
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @AuditDocs.list
  @Get()
  @RequireScope('tokens:admin')
  async list(@Query() query: Record<string, unknown>): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
    const parsed = parseAuditQuery(query);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const entries = await readOpsAudit(this.pool, { ...parsed.filter, limit: parsed.filter.limit + 1 });
    const page = entries.slice(0, parsed.filter.limit);
    return {
      items: page.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
      nextCursor: entries.length > parsed.filter.limit ? encodeAuditCursor(page[page.length - 1].id) : null,
    };
  }
}
