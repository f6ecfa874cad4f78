import { parseCreateToken } from './create-token.input';

const NOW = new Date('2026-12-03T12:00:00Z');

describe('parseCreateToken', () => {
  it('accepts a name, known scopes (duplicates folded) and a future expiry', () => {
    expect(parseCreateToken({ name: ' crm ', scopes: ['feedback:write', 'leads:read', 'feedback:write'], expiresAt: '2027-01-01T00:00:00Z' }, NOW)).toEqual({
      ok: true, value: { name: 'crm', scopes: ['feedback:write', 'leads:read'], expiresAt: new Date('2027-01-01T00:00:00Z') },
    });
  });

  it('takes no expiry as never', () => {
    expect(parseCreateToken({ name: 'bi', scopes: ['insights:read'] }, NOW)).toMatchObject({ ok: true, value: { expiresAt: null } });
  });

  it.each([
    ['not an object', [], 'body'],
    ['no name', { scopes: ['leads:read'] }, 'name'],
    ['a name too long', { name: 'x'.repeat(129), scopes: ['leads:read'] }, 'name'],
    ['a control character in the name', { name: 'a\nb', scopes: ['leads:read'] }, 'name'],
    ['the bootstrap token\'s name', { name: 'ADMIN_TOKEN', scopes: ['leads:read'] }, 'name'],
    ['no scopes', { name: 'a', scopes: [] }, 'scopes'],
    ['an unknown scope', { name: 'a', scopes: ['leads:read', 'root'] }, 'scopes.1'],
    ['an expiry in the past', { name: 'a', scopes: ['leads:read'], expiresAt: '2026-12-03T11:59:59Z' }, 'expiresAt'],
    ['an expiry that is no date', { name: 'a', scopes: ['leads:read'], expiresAt: 'tomorrow' }, 'expiresAt'],
    ['an unknown field', { name: 'a', scopes: ['leads:read'], id: 'mine' }, 'id'],
  ])('refuses %s on its path', (_name, body, path) => {
    const parsed = parseCreateToken(body, NOW);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.path)).toContain(path);
  });
});
