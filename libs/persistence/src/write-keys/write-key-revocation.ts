/**
 * The Redis channel on which the admin API announces a revoked write key (the message is the
 * key's id); ingest drops its cached lookup at once instead of waiting for the cache TTL.
 */
export function writeKeyRevokedChannel(namespace: string): string {
  return `${namespace ? `${namespace}:` : ''}leadscore:write-key-revoked`;
}
