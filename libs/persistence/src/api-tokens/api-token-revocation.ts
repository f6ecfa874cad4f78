/**
 * The Redis channel on which an admin process announces a revoked ops API token (the message is
 * the token's id); every admin process drops it from its cache at once instead of at the TTL.
 */
export function apiTokenRevokedChannel(namespace: string): string {
  return `${namespace ? `${namespace}:` : ''}leadscore:api-token-revoked`;
}
