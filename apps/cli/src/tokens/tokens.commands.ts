import { type CreatedToken, type TokenView } from '@leadscore/contracts';
import { segment } from '../api/api-client';
import { type CliContext } from '../cli-context';
import { renderFields, renderTable } from '../output/table.format';

interface AuditEntryAnswer {
  id: string;
  at: string;
  tokenName: string;
  kind: string;
  details: unknown;
}

/** `tokens create NAME --scope S…`: a scoped ops API token, shown this once. */
export async function createToken(context: CliContext, name: string, options: { scope: string[]; expiresAt?: string }): Promise<void> {
  const token = await context.admin().call<CreatedToken>('POST', '/v1/tokens', { json: { name, scopes: options.scope, ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}) } });
  context.show(token, () =>
    [
      renderFields([['id', token.id], ['name', token.name], ['scopes', token.scopes.join(' ')], ['expires', token.expiresAt ?? 'never'], ['token', token.token]]),
      '',
      'The token is shown this once: keep it now.',
    ].join('\n'),
  );
}

export async function listTokens(context: CliContext): Promise<void> {
  const page = await context.admin().call<{ items: TokenView[] }>('GET', '/v1/tokens');
  context.show(page, () =>
    renderTable<TokenView>(
      [
        { header: 'ID', value: (t) => t.id },
        { header: 'NAME', value: (t) => t.name },
        { header: 'SCOPES', value: (t) => t.scopes.join(' ') },
        { header: 'STATE', value: (t) => (t.revokedAt ? 'revoked' : t.expiresAt && Date.parse(t.expiresAt) <= Date.now() ? 'expired' : 'active') },
      ],
      page.items,
    ),
  );
}

export async function revokeToken(context: CliContext, id: string): Promise<void> {
  await context.admin().call('DELETE', `/v1/tokens/${segment(id)}`);
  context.show({ id, revoked: true }, () => `token ${id} revoked`);
}

/** `audit`: who changed what, when (oldest first), filtered like `GET /v1/audit`. */
export async function showAudit(context: CliContext, filters: { tokenId?: string; kind?: string; from?: string; to?: string; cursor?: string; limit?: string }): Promise<void> {
  const page = await context.admin().call<{ items: AuditEntryAnswer[]; nextCursor: string | null }>('GET', '/v1/audit', { query: { ...filters } });
  context.show(page, () =>
    [
      renderTable<AuditEntryAnswer>(
        [
          { header: 'AT', value: (e) => e.at },
          { header: 'TOKEN', value: (e) => e.tokenName },
          { header: 'KIND', value: (e) => e.kind },
          { header: 'DETAILS', value: (e) => JSON.stringify(e.details) },
        ],
        page.items,
      ),
      ...(page.nextCursor ? ['', `more: --cursor ${page.nextCursor}`] : []),
    ].join('\n'),
  );
}
