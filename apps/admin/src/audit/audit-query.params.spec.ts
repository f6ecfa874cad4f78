import { encodeAuditCursor, parseAuditQuery } from './audit-query.params';

describe('parseAuditQuery', () => {
  it('reads every filter', () => {
    expect(parseAuditQuery({ cursor: encodeAuditCursor('42'), limit: '10', tokenId: 't-1', kind: 'token.created', from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' })).toEqual({
      ok: true,
      filter: { afterId: '42', tokenId: 't-1', kind: 'token.created', from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-02T00:00:00Z'), limit: 10 },
    });
  });

  it('defaults to the first 100 entries of everything', () => {
    expect(parseAuditQuery({})).toEqual({ ok: true, filter: { afterId: null, tokenId: null, kind: null, from: null, to: null, limit: 100 } });
  });

  it('names every bad parameter at once', () => {
    const parsed = parseAuditQuery({ cursor: '!!', limit: '0', kind: 'everything', from: 'yesterday', to: '2026-13-45T00:00:00Z', tokenId: 'x'.repeat(65) });
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.path).sort()).toEqual(['cursor', 'from', 'kind', 'limit', 'to', 'tokenId']);
  });
});
