import { type FieldError } from '../field-error';
import { isOpsScope, OPS_SCOPES, type OpsScope } from './ops-scopes';

export const MAX_TOKEN_NAME_LENGTH = 128;

/** The name ADMIN_TOKEN acts under (author, audit log); no created token may take it. */
export const BOOTSTRAP_TOKEN_NAME = 'ADMIN_TOKEN';

export interface CreateTokenInput {
  name: string;
  scopes: OpsScope[];
  expiresAt: Date | null;
}

export type CreateTokenParsed = { ok: true; value: CreateTokenInput } | { ok: false; errors: FieldError[] };

/**
 * `POST /v1/tokens {name, scopes, expiresAt?}`: a name (it becomes the author of what the token
 * changes), at least one known scope (duplicates folded), and an expiry in the future if any.
 */
export function parseCreateToken(body: unknown, now: Date): CreateTokenParsed {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, errors: [{ path: 'body', message: 'expected a JSON object {name, scopes, expiresAt?}' }] };
  const record = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const field of Object.keys(record)) {
    if (!['name', 'scopes', 'expiresAt'].includes(field)) errors.push({ path: field.slice(0, 64), message: 'unknown field' });
  }
  const name = typeof record.name === 'string' ? record.name.trim() : '';
  if (name.length === 0 || name.length > MAX_TOKEN_NAME_LENGTH || hasControlCharacter(name)) {
    errors.push({ path: 'name', message: `name must be a string of 1 to ${MAX_TOKEN_NAME_LENGTH} printable characters` });
  } else if (name === BOOTSTRAP_TOKEN_NAME) errors.push({ path: 'name', message: `${BOOTSTRAP_TOKEN_NAME} is the bootstrap token's name: an author must not pass for it` });
  const scopes: OpsScope[] = [];
  if (!Array.isArray(record.scopes) || record.scopes.length === 0) {
    errors.push({ path: 'scopes', message: `scopes must be a non-empty list of: ${OPS_SCOPES.join(', ')}` });
  } else {
    record.scopes.forEach((scope: unknown, index) => {
      if (!isOpsScope(scope)) errors.push({ path: `scopes.${index}`, message: `unknown scope; one of: ${OPS_SCOPES.join(', ')}` });
      else if (!scopes.includes(scope)) scopes.push(scope);
    });
  }
  let expiresAt: Date | null = null;
  if (record.expiresAt !== undefined && record.expiresAt !== null) {
    const text = record.expiresAt;
    const parsed = typeof text === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : null;
    if (parsed === null || Number.isNaN(parsed.getTime())) errors.push({ path: 'expiresAt', message: 'expiresAt must be an ISO-8601 date-time' });
    else if (parsed.getTime() <= now.getTime()) errors.push({ path: 'expiresAt', message: 'expiresAt must be in the future' });
    else expiresAt = parsed;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { name, scopes, expiresAt } };
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}
