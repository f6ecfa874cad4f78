import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What `write_keys.key_hash` holds: the SHA-256 of the key, lower-case hex (64 characters). */
export function hashWriteKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares two hashes in constant time (for equal lengths; hashes of ours always are). */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A new write key: `wk_` and 32 random bytes in base64url (256 bits; shown once, stored hashed). */
export function generateWriteKey(): string {
  return generateSecretToken('wk_');
}

/** A new secret credential: the prefix and 32 random bytes in base64url (write keys `wk_`, ops API tokens `lst_`). */
export function generateSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** The start of a key, kept in clear to tell keys apart in lists; never more than half of it. */
export function writeKeyPrefix(key: string): string {
  return key.slice(0, Math.min(8, Math.floor(key.length / 2)));
}
