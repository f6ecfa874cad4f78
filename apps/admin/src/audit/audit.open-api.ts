import { ApiRoute, PAGE_QUERY, pageOf } from '@leadscore/http';
import { AUDIT_KINDS } from './audit-kinds';

const ENTRY = {
  type: 'object' as const,
  properties: {
    id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, tokenId: { type: 'string' }, tokenName: { type: 'string' },
    requestId: { type: 'string' }, kind: { type: 'string', enum: [...AUDIT_KINDS] }, details: { type: 'object' },
  },
};

export const AuditDocs = {
  list: ApiRoute({
    summary: 'The ops audit log: who changed what, when',
    description: 'Oldest first; append-only in the database. Scope `tokens:admin`.',
    security: 'admin',
    query: [
      ...PAGE_QUERY,
      { name: 'tokenId', description: 'Entries of one token' },
      { name: 'kind', description: 'One kind of change' },
      { name: 'from', description: 'ISO-8601, inclusive' },
      { name: 'to', description: 'ISO-8601, exclusive' },
    ],
    ok: { status: 200, description: 'A page of entries', schema: pageOf(ENTRY) },
    errors: [400, 401, 403],
  }),
};
